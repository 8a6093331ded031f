// Booking step 3: the fields about a second person only matter when booking for someone else.
// Without JavaScript they stay visible (the form says "If you book for someone else"); with it
// they are hidden until that choice is made, and hidden again if the choice changes back.
(function () {
  "use strict";
  var fieldset = document.getElementById("for-someone-else");
  var choices = document.querySelectorAll('input[name="booking_for"]');
  if (!fieldset || !choices.length) {
    return;
  }
  function update() {
    var other = document.querySelector('input[name="booking_for"][value="other"]:checked');
    fieldset.hidden = !other;
  }
  for (var i = 0; i < choices.length; i++) {
    choices[i].setAttribute("aria-controls", "for-someone-else");
    choices[i].addEventListener("change", update);
  }
  update();
})();
