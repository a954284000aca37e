/* Weerbaar: show "print" buttons (data-weerbaar-print) and let them open the print dialog.
   A static file, because the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-weerbaar-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
