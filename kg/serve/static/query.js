// Query page: "edit the query" copies a named query into the editor; Ctrl+Enter runs it.
(function () {
  "use strict";
  var area = document.getElementById("query-text");
  var form = document.getElementById("query-form");
  Array.prototype.forEach.call(document.querySelectorAll("button.load-query"), function (b) {
    b.addEventListener("click", function () {
      area.value = b.getAttribute("data-query");
      area.focus();
      window.scrollTo(0, 0);
    });
  });
  if (area && form) {
    area.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); form.submit(); }
    });
  }
})();
