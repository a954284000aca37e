/* Weerbaar: "Tekst invoegen" on the case page without a round trip. Puts the chosen standard text into the
   message box at the cursor (or after what was typed when the box was not touched), then focuses the box.
   Without JavaScript the button posts the form and the server does the same (cases.views.send_message).
   A static file, because the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  var button = document.querySelector("[data-weerbaar-advice-insert]");
  var select = document.getElementById("id_advice-text");
  var box = document.getElementById("id_message-text");
  if (!button || !select || !box) { return; }
  var touched = false;
  ["click", "keyup", "input", "select"].forEach(function (name) {
    box.addEventListener(name, function () { touched = true; });
  });
  button.addEventListener("click", function (event) {
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) { return; } /* nothing chosen: let the server explain */
    event.preventDefault();
    var body = option.getAttribute("data-body") || "";
    var value = box.value;
    var start = touched ? box.selectionStart : value.length;
    var end = touched ? box.selectionEnd : value.length;
    var before = value.slice(0, start).replace(/\s+$/, "");
    var after = value.slice(end).replace(/^\s+/, "");
    var text = (before ? before + "\n\n" : "") + body;
    box.value = text + (after ? "\n\n" + after : "");
    box.focus();
    box.setSelectionRange(text.length, text.length);
    touched = true;
    select.selectedIndex = 0;
  });
})();
