// Opened from file:// (out/site/index.html), browsers refuse the search's web worker and its
// index, which would be an error on every page. There the search says how to get it instead:
// serve the folder (python -m http.server --directory out/site) or use the menu.
(function () {
  if (window.location.protocol !== "file:") {
    return;
  }
  window.Worker = function () {
    this.postMessage = function () {};
  };
  document.addEventListener("DOMContentLoaded", function () {
    var results = document.getElementById("mkdocs-search-results");
    var query = document.getElementById("mkdocs-search-query");
    if (query) {
      query.disabled = true;
      query.placeholder = "search needs a web server";
    }
    if (results) {
      results.innerHTML = "<p>Search works when the site is served: " +
        "<code>python -m http.server --directory out/site</code>, then open " +
        "http://localhost:8000. From a file, use the menu.</p>";
    }
  });
})();
