// The page-not-found page's "Search the site" button opens the theme's search and puts the cursor in it.
// A file of the site's own, so the page runs no inline script (the pages' Content-Security-Policy).
(function () {
  var button = document.getElementById("open-search");
  if (!button) return;
  button.addEventListener("click", function () {
    var toggle = document.getElementById("__search");
    if (toggle && !toggle.checked) toggle.click();
    var query = document.querySelector("[data-md-component=search-query]");
    if (query) query.focus();
  });
})();
