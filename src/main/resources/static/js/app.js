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

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUpFillIn);
  } else {
    setUpFillIn();
  }
})();
