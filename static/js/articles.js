// Item page: a "Copy link" button beside the share link. Without JavaScript the link stays
// visible in a read-only field that can be selected and copied by hand.
(function () {
  "use strict";
  var button = document.querySelector("[data-copy-button]");
  var source = document.querySelector("[data-copy-source]");
  var status = document.querySelector("[data-copy-status]");
  if (!button || !source || !navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.value).then(
      function () { status.textContent = "Link copied."; },
      function () { source.select(); status.textContent = "Press Ctrl+C (or ⌘C) to copy."; }
    );
  });
})();
