/* Weerbaar help request, progressive enhancement only: on "about you", show the municipality or the
   province question that the chosen position needs. Without JavaScript both are shown with hints.
   A hidden question is also disabled, so an old choice in it is not sent along. */
(function () {
  "use strict";
  var groups = document.querySelectorAll("[data-weerbaar-show-for]");
  var radios = document.querySelectorAll('input[type="radio"][name="role"]');
  if (!groups.length || !radios.length) { return; }
  function update() {
    var chosen = document.querySelector('input[type="radio"][name="role"]:checked');
    for (var i = 0; i < groups.length; i++) {
      var roles = groups[i].getAttribute("data-weerbaar-show-for").split(" ");
      var show = !chosen || roles.indexOf(chosen.value) !== -1;
      groups[i].hidden = !show;
      var controls = groups[i].querySelectorAll("select, input");
      for (var j = 0; j < controls.length; j++) { controls[j].disabled = !show; }
    }
  }
  for (var k = 0; k < radios.length; k++) { radios[k].addEventListener("change", update); }
  update();
})();
