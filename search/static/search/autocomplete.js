// Progressive enhancement: fill the search box's <datalist> with matching titles.
// Without this script the datalist offers common terms and the form simply submits.
(function () {
  "use strict";
  var input = document.querySelector("input[data-autocomplete-url]");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var url = input.getAttribute("data-autocomplete-url");
  var timer = null;
  var latest = 0;

  function fill(results) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    results.forEach(function (result) {
      var option = document.createElement("option");
      option.value = result.title;
      list.appendChild(option);
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (!text) { return; }
    timer = setTimeout(function () {
      var request = ++latest;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (request === latest) { fill(data.results || []); } })
        .catch(function () { /* keep the current suggestions */ });
    }, 250);
  });
})();
