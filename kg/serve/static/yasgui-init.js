// YASGUI against this server's /sparql only. Everything that would reach
// the internet is switched off: the endpoint catalogue lists only this
// server, prefix and class/property autocompletion (prefix.cc, LOV) are not
// used, and no CORS probe is needed (same origin).
(function () {
  "use strict";
  var endpoint = window.location.origin + "/sparql";
  var root = document.getElementById("yasgui");
  var example = root.getAttribute("data-query");
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: "kg-yasgui",
    yasqe: { value: example, prefixCcApi: "", autocompleters: ["variables"], showQueryButton: true }
  });
  window.kgYasgui = yasgui;
})();
