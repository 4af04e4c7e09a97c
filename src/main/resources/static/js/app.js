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

  // The bell: the server tells this page of new events and the bell's contents are then fetched again. The stream
  // comes from the stream port (data-stream-src, with a ticket in it) when the server offers one, else from this
  // port. EventSource reconnects by itself, sending the last id it saw, and the server replays what was missed.
  function setUpBell() {
    var bell = document.getElementById('bell');
    if (!bell || !window.EventSource) {
      return;
    }
    var source = bell.getAttribute('data-bell-src');
    var timer = null;
    var lastId = null;
    var stream = null;
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
    function resumeFrom(url) {
      return lastId === null ? url : url + (url.indexOf('?') < 0 ? '?' : '&') + 'after=' + encodeURIComponent(lastId);
    }
    // Opens the stream; streamUrl null means this port's. A stream port that cannot be reached within a few
    // seconds (a firewall, a proxy without the route) is given up for this port's stream.
    function connect(streamUrl) {
      var opened = false;
      var events = new EventSource(resumeFrom(streamUrl || '/api/v1/events'));
      stream = events;
      var giveUp = streamUrl ? setTimeout(fallBack, 5000) : null;
      function fallBack() {
        events.close();
        connect(null);
      }
      events.onopen = function () {
        opened = true;
        clearTimeout(giveUp);
        // Whether the page is live, for styles and for tests.
        document.documentElement.setAttribute('data-events', streamUrl ? 'open' : 'open-main');
      };
      events.onerror = function () {
        document.documentElement.setAttribute('data-events', 'reconnecting');
        if (!streamUrl || events.readyState !== EventSource.CLOSED) {
          return; // the browser tries again by itself
        }
        clearTimeout(giveUp);
        events.close();
        if (!opened) {
          connect(null);
          return;
        }
        // Refused after it had worked: the ticket expired. Ask for a new one.
        setTimeout(function () {
          fetch('/api/v1/events/ticket', {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
            .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
            .then(function (address) { connect(address.url); })
            .catch(function () { document.documentElement.setAttribute('data-events', 'closed'); });
        }, 1000);
      };
      events.onmessage = function (event) {
        lastId = event.lastEventId || lastId;
        // Several events at once (a replay) make one refresh.
        if (!timer) {
          timer = setTimeout(refresh, 200);
        }
      };
    }
    window.addEventListener('pagehide', function () { stream.close(); });
    connect(bell.getAttribute('data-stream-src'));
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
