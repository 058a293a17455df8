/* "Use my location": the browser's own position, sent only to Juntos, for the districts
 * whose shapes are loaded (exact where a ZIP code spans districts). */
(function () {
  "use strict";
  var form = document.getElementById("lookup");
  var button = form && form.querySelector("[data-locate]");
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.elements.lat.value = pos.coords.latitude.toFixed(5);
      form.elements.lon.value = pos.coords.longitude.toFixed(5);
      form.submit();
    });
  });
})();
