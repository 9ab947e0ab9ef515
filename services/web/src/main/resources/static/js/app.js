// The web UI's only script of its own: "near me" fills the search's coordinates from the browser's location once
// the person allows it (the browser asks for consent). The pages work without it.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("near-me");
  if (!button || !navigator.geolocation) {
    if (button) { button.hidden = true; }
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    var status = document.getElementById("near-me-status");
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("lat").value = position.coords.latitude.toFixed(5);
      document.getElementById("lon").value = position.coords.longitude.toFixed(5);
      var sort = document.getElementById("sort");
      if (sort) { sort.value = "distance"; }
      button.form.requestSubmit();
    }, function () {
      if (status) { status.textContent = button.dataset.denied; }
    }, { timeout: 10000 });
  });
});
