// Small behaviours that need no framework. Served from this site only (the CSP allows nothing else).
(function () {
  'use strict';

  // htmx requests carry the CSRF token, so filtered lists and later live features can POST safely.
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // "Fill in": replaces placeholders with the reader's own names, in this page only; nothing is sent or saved.
  function setUpFillIn() {
    var box = document.querySelector('[data-fill-in]');
    var body = document.getElementById('doc-body');
    if (!box || !body) {
      return;
    }
    var marks = Array.prototype.slice.call(body.querySelectorAll('mark.ph'));
    marks.forEach(function (mark) {
      mark.setAttribute('data-original', mark.textContent);
    });
    box.querySelectorAll('input[data-token]').forEach(function (input) {
      input.addEventListener('input', function () {
        var token = input.getAttribute('data-token');
        var value = input.value.trim();
        marks.forEach(function (mark) {
          if (mark.getAttribute('data-original') === token) {
            mark.textContent = value || token;
            mark.classList.toggle('filled', value.length > 0);
          }
        });
      });
    });
  }

  // What leaves the reading page by copy carries the reader's notice, as every other copy does.
  document.addEventListener('copy', function (event) {
    var body = document.getElementById('doc-body');
    var selection = document.getSelection();
    if (!body || !selection || selection.isCollapsed || !body.contains(selection.anchorNode)) {
      return;
    }
    var notice = body.getAttribute('data-notice');
    if (notice && event.clipboardData) {
      event.clipboardData.setData('text/plain', selection.toString() + '\n\n' + notice);
      event.preventDefault();
    }
  });

  // Copy buttons on passages: the text the reader may see goes to the clipboard.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-copy]');
    if (!button || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
      button.textContent = '已复制';
    });
  });

  // The bell: the server tells this page of new events (EventSource reconnects by itself, sending the last id it
  // saw, and the server replays what was missed); the bell's contents are then fetched again from the page.
  function setUpBell() {
    var bell = document.getElementById('bell');
    if (!bell || !window.EventSource) {
      return;
    }
    var source = bell.getAttribute('data-bell-src');
    var timer = null;
    function refresh() {
      timer = null;
      fetch(source, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) {
            return;
          }
          var current = document.getElementById('bell');
          var holder = document.createElement('div');
          holder.innerHTML = html.trim();
          var fresh = holder.querySelector('#bell');
          if (current && fresh) {
            fresh.open = current.open;
            current.replaceWith(fresh);
          }
        });
    }
    var events = new EventSource('/api/v1/events');
    // Whether the page is live, for styles and for tests.
    events.onopen = function () { document.documentElement.setAttribute('data-events', 'open'); };
    events.onerror = function () { document.documentElement.setAttribute('data-events', 'reconnecting'); };
    events.onmessage = function () {
      // Several events at once (a replay) make one refresh.
      if (!timer) {
        timer = setTimeout(refresh, 200);
      }
    };
    window.addEventListener('pagehide', function () { events.close(); });
  }

  function setUp() {
    setUpFillIn();
    setUpBell();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUp);
  } else {
    setUp();
  }
})();
