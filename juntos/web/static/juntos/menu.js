// Phones: the coalition's menu starts folded behind its "Menu" button (a <details>, so it
// works with the keyboard and screen readers). Without JavaScript it simply stays open.
(function () {
  var menu = document.getElementById("site-menu");
  if (menu && window.matchMedia("(max-width: 47.99rem)").matches) menu.open = false;
})();
