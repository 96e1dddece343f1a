/* Yuqing console conveniences. The pages work without this file; it only adds:
   - the inbox's "new alerts" banner, from a count polled every 20 s (instead of reloading under the reader);
   - "select all" for the bulk-acknowledge checkboxes. */
(function () {
  'use strict';
  var POLL_MS = 20000;

  function pollNewAlerts(banner) {
    var url = banner.getAttribute('data-summary');
    var text = banner.getAttribute('data-text');
    function check() {
      var req = new XMLHttpRequest();
      req.open('GET', url);
      req.setRequestHeader('Accept', 'application/json');
      req.onload = function () {
        if (req.status !== 200) { return; }
        var n = 0;
        try { n = JSON.parse(req.responseText).newSince || 0; } catch (e) { return; }
        if (n > 0) {
          banner.textContent = '';
          var link = document.createElement('a');
          link.href = window.location.pathname + window.location.search;
          link.id = 'new-alerts-refresh';
          link.textContent = text.replace('{n}', String(n));
          banner.appendChild(link);
          banner.hidden = false;
        }
      };
      req.send();
    }
    window.setInterval(check, POLL_MS);
  }

  function selectAll(box) {
    box.addEventListener('change', function () {
      var boxes = document.querySelectorAll('#bulk input[type=checkbox][name=id]');
      for (var i = 0; i < boxes.length; i++) { boxes[i].checked = box.checked; }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var banner = document.getElementById('new-alerts');
    if (banner) { pollNewAlerts(banner); }
    var all = document.getElementById('select-all');
    if (all) { selectAll(all); }
  });
})();
