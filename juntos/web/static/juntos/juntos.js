/* Small behaviours without inline handlers, so the Content-Security-Policy can refuse
   every inline script: [data-print] prints the page, [data-select] selects its text. */
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  if (target.closest("[data-print]")) {
    event.preventDefault();
    window.print();
    return;
  }
  var field = target.closest("[data-select]");
  if (field && typeof field.select === "function") field.select();
});
