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
