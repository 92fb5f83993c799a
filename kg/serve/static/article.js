// Article page: from a highlighted span to the fact it produced and back.
// Reads only data-* attributes the server wrote; never builds HTML from text.
(function () {
  "use strict";
  var text = document.getElementById("text");
  var panel = document.getElementById("facts");
  if (!text || !panel) { return; }
  var byFact = {};
  var segs = text.querySelectorAll(".hl[data-f]");
  Array.prototype.forEach.call(segs, function (el) {
    el.getAttribute("data-f").split(" ").forEach(function (f) {
      if (f === "") { return; }
      (byFact[f] = byFact[f] || []).push(el);
    });
  });
  function card(f) { return document.getElementById("fact-" + f); }
  function factsOf(el) { return (el.getAttribute("data-f") || "").split(" ").filter(function (f) { return f !== ""; }); }
  function mark(f, cls, on) {
    (byFact[f] || []).forEach(function (el) { el.classList.toggle(cls, on); });
    var c = card(f);
    if (c) { c.classList.toggle(cls, on); }
  }
  var active = null;
  function activate(f, scrollText, scrollCard) {
    if (active !== null) { mark(active, "on", false); }
    active = f;
    if (f === null) { return; }
    mark(f, "on", true);
    document.body.setAttribute("data-active-fact", f);
    var c = card(f);
    if (c && scrollCard) {
      var top = c.offsetTop - panel.offsetTop - 40;
      panel.scrollTop = Math.max(top, 0);
    }
    if (scrollText) {
      var first = (byFact[f] || []).filter(function (el) { return !/^(hl k-sentence)$/.test(el.className.replace(" on", "")); })[0]
        || (byFact[f] || [])[0];
      if (first) { first.scrollIntoView({ block: "center" }); }
    }
    if (c && c.getAttribute("data-anchor") && window.history && history.replaceState) {
      history.replaceState(null, "", "#" + c.getAttribute("data-anchor"));
    }
  }
  var clickCount = {};
  text.addEventListener("click", function (ev) {
    var el = ev.target.closest(".hl[data-f]");
    if (!el) { return; }
    var fs = factsOf(el);
    if (!fs.length) { return; }
    // repeated clicks on the same span cycle through the facts it belongs to (narrowest first)
    var key = el.getAttribute("data-at");
    var i = (clickCount[key] || 0) % fs.length;
    clickCount[key] = i + 1;
    activate(fs[i], false, true);
  });
  text.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest(".hl[data-f]");
    if (el) { var fs = factsOf(el); if (fs.length) { mark(fs[0], "hover", true); } }
  });
  text.addEventListener("mouseout", function (ev) {
    var el = ev.target.closest(".hl[data-f]");
    if (el) { var fs = factsOf(el); if (fs.length) { mark(fs[0], "hover", false); } }
  });
  panel.addEventListener("click", function (ev) {
    var goto = ev.target.closest("a.goto");
    if (goto) { ev.preventDefault(); fromHash(goto.getAttribute("href")); return; }
    if (ev.target.closest("a")) { return; }
    var c = ev.target.closest("li.fact");
    if (c) { activate(c.getAttribute("data-f"), true, false); }
  });
  panel.addEventListener("keydown", function (ev) {
    var c = ev.target.closest("li.fact");
    if (c && ev.key === "Enter") { activate(c.getAttribute("data-f"), true, false); }
  });
  panel.addEventListener("mouseover", function (ev) {
    var c = ev.target.closest("li.fact");
    if (c) { mark(c.getAttribute("data-f"), "hover", true); }
  });
  panel.addEventListener("mouseout", function (ev) {
    var c = ev.target.closest("li.fact");
    if (c) { mark(c.getAttribute("data-f"), "hover", false); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("#kinds input[data-kind]"), function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked);
    });
  });
  function fromHash(hash) {
    var h = (hash || "").replace(/^#/, "");
    if (!h) { return; }
    var c = panel.querySelector('li.fact[data-anchor="' + h.replace(/[^a-z0-9-]/gi, "") + '"]');
    if (c) { activate(c.getAttribute("data-f"), true, true); return; }
    var m = /^chars-(\d+)-(\d+)$/.exec(h);
    if (m) {
      var start = parseInt(m[1], 10);
      var best = null;
      Array.prototype.forEach.call(segs, function (el) {
        var at = parseInt(el.getAttribute("data-at"), 10);
        if (at <= start && (best === null || at > parseInt(best.getAttribute("data-at"), 10))) { best = el; }
      });
      if (best) { var fs = factsOf(best); if (fs.length) { activate(fs[0], true, true); } }
    }
  }
  window.addEventListener("hashchange", function () { fromHash(location.hash); });
  fromHash(location.hash);
  document.body.setAttribute("data-ready", "1");
})();
