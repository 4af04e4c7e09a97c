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
  // The reader's fill-ins (LibraryPages.FillInField on the page, delivery.FillIns in the downloads): a value for a
  // meaning fills every placeholder of that meaning; a value for one placeholder, numbered from 1 in reading order with
  // the title first as the server numbers them, wins over it. The page shows them at once, as text (never as HTML),
  // and the download links carry them as fill.* parameters. Nothing is sent until the reader downloads.
  function setUpFillIn() {
    var box = document.querySelector('[data-fill-in]');
    if (!box) {
      return;
    }
    var marks = Array.prototype.slice.call(document.querySelectorAll('.doc-title mark.ph, #doc-body mark.ph'));
    var list = box.querySelector('[data-fill-each] ol');
    var byMeaning = {};
    var byOccurrence = {};
    // What the server refuses (FillIns): characters that could hide or fake the copy's invisible marks.
    var invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
    function clean(value) {
      return Array.from(value.replace(invisible, '').trim()).slice(0, 40).join('');
    }
    function dateParts(value) {
      var m = /^(\d{4})(?:\s*(?:年|[-\/.])(?:\s*(\d{1,2})\s*(?:月|[-\/.])?(?:\s*(\d{1,2})\s*[日号]?)?)?)?$/.exec(value);
      var month = m && m[2] ? parseInt(m[2], 10) : null;
      var day = m && m[3] ? parseInt(m[3], 10) : null;
      if (!m || (month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || day > 31))) {
        return null;
      }
      return {year: m[1], month: month === null ? null : String(month), day: day === null ? null : String(day)};
    }
    function valueFor(mark) {
      var own = byOccurrence[mark.getAttribute('data-n')];
      if (own) {
        return own;
      }
      var meaning = mark.getAttribute('data-meaning');
      var value = byMeaning[meaning];
      if (!value || meaning !== 'date') {
        return value || null;
      }
      var d = dateParts(value);
      var unit = mark.getAttribute('data-unit');
      var part = unit === '年' ? d.year : unit === '月' ? d.month : unit === '日' ? d.day
        : d.year + '年' + (d.month ? d.month + '月' : '') + (d.day ? d.day + '日' : '');
      return part || null;
    }
    function refresh() {
      marks.forEach(function (mark) {
        var value = valueFor(mark);
        mark.textContent = value || mark.getAttribute('data-original');
        mark.classList.toggle('filled', !!value);
      });
      var query = '';
      Object.keys(byMeaning).concat(Object.keys(byOccurrence)).forEach(function (key) {
        var value = byMeaning[key] || byOccurrence[key];
        if (value) {
          query += '&' + encodeURIComponent('fill.' + key) + '=' + encodeURIComponent(value);
        }
      });
      document.querySelectorAll('a[data-download]').forEach(function (link) {
        if (!link.hasAttribute('data-base')) {
          link.setAttribute('data-base', link.getAttribute('href'));
        }
        link.setAttribute('href', link.getAttribute('data-base') + query);
      });
    }
    // The characters either side of a placeholder, so that the reader knows which one a row of the list is.
    function around(mark, before) {
      var node = before ? mark.previousSibling : mark.nextSibling;
      var text = node ? node.textContent.replace(invisible, '') : '';
      return before ? text.slice(-8) : text.slice(0, 8);
    }
    marks.forEach(function (mark, i) {
      var n = String(i + 1);
      mark.setAttribute('data-original', mark.textContent);
      mark.setAttribute('data-n', n);
      mark.setAttribute('tabindex', '0');
      if (!list) {
        return;
      }
      var item = document.createElement('li');
      var label = document.createElement('label');
      var where = document.createElement('span');
      var token = document.createElement('mark');
      token.className = 'ph';
      token.textContent = mark.getAttribute('data-original');
      where.append('第 ' + n + ' 处（' + (mark.getAttribute('title') || '') + '）：…' + around(mark, true), token,
        around(mark, false) + '…');
      var input = document.createElement('input');
      input.type = 'text';
      input.maxLength = 40;
      input.autocomplete = 'off';
      input.setAttribute('data-n', n);
      input.addEventListener('input', function () {
        byOccurrence[n] = clean(input.value);
        refresh();
      });
      label.append(where, input);
      item.appendChild(label);
      list.appendChild(item);
    });
    box.querySelectorAll('input[data-meaning]').forEach(function (input) {
      input.addEventListener('input', function () {
        var meaning = input.getAttribute('data-meaning');
        var value = clean(input.value);
        var error = input.closest('.fill-row').querySelector('.fill-error');
        var bad = meaning === 'date' && value && !dateParts(value);
        error.hidden = !bad;
        error.textContent = bad ? '日期请写成 2024-05-06、2024年5月6日 或 2024年5月。' : '';
        byMeaning[meaning] = bad ? '' : value;
        refresh();
      });
    });
    // A click on a placeholder in the text opens its own row, to fill that one differently.
    function open(mark) {
      var details = box.querySelector('[data-fill-each]');
      var input = box.querySelector('input[data-n="' + mark.getAttribute('data-n') + '"]');
      if (details && input) {
        details.open = true;
        input.scrollIntoView({block: 'center'});
        input.focus();
      }
    }
    marks.forEach(function (mark) {
      mark.addEventListener('click', function () { open(mark); });
      mark.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') {
          open(mark);
        }
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

  // Puts text on the clipboard and says so on the button; without the Clipboard API (a page over plain HTTP) through
  // a selected, hidden text area.
  function copyText(button, text) {
    function done() {
      button.textContent = '已复制';
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
      return;
    }
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    if (document.execCommand('copy')) {
      done();
    }
    area.remove();
  }

  // Copy buttons on passages: the text the reader may see goes to the clipboard.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-copy]');
    if (button) {
      copyText(button, button.getAttribute('data-copy'));
    }
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
        // Issue 16, groups: a group message goes to the group page (setUpGroup), not to the bell.
        var data = null;
        try { data = JSON.parse(event.data); } catch (ignored) { data = null; }
        if (data && (data.type === 'GROUP_MESSAGE' || data.type === 'GROUP_MESSAGE_HIDDEN')) {
          document.dispatchEvent(new CustomEvent('scriptorium:group', {detail: data}));
          return;
        }
        // Several events at once (a replay) make one refresh.
        if (!timer) {
          timer = setTimeout(refresh, 200);
        }
      };
    }
    window.addEventListener('pagehide', function () { stream.close(); });
    connect(bell.getAttribute('data-stream-src'));
  }

  // ---- Issue 16, reader basics: 复制全文, the font size, the floating outline. ----

  // 复制全文: the title, the salutation and the text as the page shows them (with the reader's fill-ins and the copy's
  // invisible marks, which are characters of the text), then the copy's notice, as a selection copied by hand gets.
  function setUpCopyAll() {
    var button = document.querySelector('[data-copy-all]');
    var body = document.getElementById('doc-body');
    if (!button || !body) {
      return;
    }
    button.addEventListener('click', function () {
      var lines = [];
      var title = document.querySelector('.doc-title');
      if (title) {
        lines.push(title.textContent.trim());
      }
      body.querySelectorAll('h2, h3, h4, p').forEach(function (block) {
        lines.push(block.textContent);
      });
      var notice = body.getAttribute('data-notice');
      copyText(button, lines.join('\n') + (notice ? '\n\n' + notice : ''));
    });
  }

  // The reading font size, remembered on this device.
  var FONT_KEY = 'scriptorium.font';
  var FONT_SIZES = ['small', 'medium', 'large'];
  function applyFont(size) {
    FONT_SIZES.forEach(function (s) {
      document.documentElement.classList.toggle('font-' + s, s === size && s !== 'medium');
    });
    document.querySelectorAll('[data-font-switch] button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-font') === size));
    });
  }
  function setUpFontSwitch() {
    var stored = null;
    try {
      stored = window.localStorage.getItem(FONT_KEY);
    } catch (e) {
      // storage refused (private mode): the size is kept for this page only
    }
    applyFont(FONT_SIZES.indexOf(stored) >= 0 ? stored : 'medium');
    document.querySelectorAll('[data-font-switch] button').forEach(function (b) {
      b.addEventListener('click', function () {
        var size = b.getAttribute('data-font');
        applyFont(size);
        try {
          window.localStorage.setItem(FONT_KEY, size);
        } catch (e) {
          // see above
        }
      });
    });
  }

  // The floating outline closes once a heading is chosen, so the text is not hidden behind it.
  function setUpFloatingOutline() {
    var toc = document.getElementById('toc-float');
    if (toc) {
      toc.addEventListener('click', function (event) {
        if (event.target.closest('a[href]')) {
          toc.open = false;
        }
      });
    }
  }

  // Issue 16, groups: the group page. Its messages come from the API (the newest page, then older pages on request)
  // and from the live stream (the bell's EventSource passes GROUP_MESSAGE events on as 'scriptorium:group'); each
  // message is drawn once, whichever way it came. Text is set as text, never as HTML.
  function setUpGroup() {
    var page = document.getElementById('group');
    if (!page) {
      return;
    }
    var groupId = page.getAttribute('data-group-id');
    var staff = page.getAttribute('data-staff') === 'true';
    var list = document.getElementById('messages');
    var older = document.getElementById('older');
    var form = document.getElementById('composer');
    var error = document.getElementById('composer-error');
    var note = document.getElementById('composer-note');
    var base = '/api/v1/groups/' + encodeURIComponent(groupId);
    var oldestId = null;
    var readTimer = null;
    // The page is Chinese whatever the browser's languages: so are the reasons the API gives.
    function csrf() {
      var headers = {'Accept': 'application/json', 'Accept-Language': 'zh-CN'};
      var token = document.querySelector('meta[name="_csrf"]');
      var header = document.querySelector('meta[name="_csrf_header"]');
      if (token && header) {
        headers[header.content] = token.content;
      }
      return headers;
    }
    function problem(response) {
      return response.json().then(function (body) { return body.detail || body.title || '发送失败。'; },
        function () { return '发送失败（' + response.status + '）。'; });
    }
    function when(iso) {
      var d = new Date(iso);
      function two(n) { return (n < 10 ? '0' : '') + n; }
      return (d.getMonth() + 1) + '月' + d.getDate() + '日 ' + two(d.getHours()) + ':' + two(d.getMinutes());
    }
    function element(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) { e.className = cls; }
      if (text !== undefined && text !== null) { e.textContent = text; }
      return e;
    }
    function draw(m) {
      var item = element('li', 'message' + (m.pinned ? ' pinned' : ''));
      item.id = 'm-' + m.id;
      item.setAttribute('data-id', m.id);
      var head = element('div', 'message-head');
      head.append(element('strong', 'author', m.author.name));
      if (m.author.staff) {
        head.append(element('span', 'chip staff', '管理员'));
      }
      head.append(element('span', 'meta', when(m.at)));
      item.append(head);
      if (m.replyTo) {
        item.append(element('blockquote', 'reply-quote', m.replyTo.author + '：' + m.replyTo.excerpt));
      }
      if (m.text) {
        item.append(element('p', 'message-text', m.text));
      }
      if (m.image) {
        var img = element('img', 'message-image');
        img.src = m.image.url;
        img.alt = '图片';
        img.width = m.image.width;
        img.height = m.image.height;
        img.loading = 'lazy';
        item.append(img);
      }
      var actions = element('div', 'message-actions');
      var reply = element('button', 'link reply', '回复');
      reply.type = 'button';
      reply.addEventListener('click', function () {
        document.getElementById('reply-to').value = m.id;
        document.getElementById('replying-to').textContent = m.author.name + '：' + (m.text || '[图片]').slice(0, 30);
        document.getElementById('replying').hidden = false;
        document.getElementById('composer-text').focus();
      });
      actions.append(reply);
      var report = element('button', 'link report', '举报');
      report.type = 'button';
      report.addEventListener('click', function () {
        var reason = window.prompt('举报理由：');
        if (!reason) { return; }
        fetch(base + '/messages/' + m.id + '/report', {method: 'POST', credentials: 'same-origin',
          headers: Object.assign(csrf(), {'Content-Type': 'application/json'}), body: JSON.stringify({reason: reason})})
          .then(function (r) { report.textContent = r.ok ? '已举报' : '举报失败'; });
      });
      actions.append(report);
      if (staff) {
        var hide = element('button', 'link hide', '隐藏');
        hide.type = 'button';
        hide.addEventListener('click', function () {
          var reason = window.prompt('隐藏理由（记入审计日志）：');
          if (!reason) { return; }
          fetch('/api/v1/admin/groups/' + encodeURIComponent(groupId) + '/messages/' + m.id + '/hide', {method: 'POST',
            credentials: 'same-origin', headers: Object.assign(csrf(), {'Content-Type': 'application/json'}),
            body: JSON.stringify({reason: reason})}).then(function (r) { if (r.ok) { item.remove(); } });
        });
        actions.append(hide);
      }
      item.append(actions);
      return item;
    }
    function markRead(id) {
      clearTimeout(readTimer);
      readTimer = setTimeout(function () {
        fetch(base + '/read', {method: 'POST', credentials: 'same-origin',
          headers: Object.assign(csrf(), {'Content-Type': 'application/json'}), body: JSON.stringify({through: id})});
      }, 500);
    }
    function append(m) {
      if (document.getElementById('m-' + m.id)) {
        return;
      }
      var nearBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 120;
      list.append(draw(m));
      if (oldestId === null) {
        oldestId = m.id;
      }
      if (nearBottom) {
        list.lastChild.scrollIntoView({block: 'end'});
      }
      markRead(m.id);
    }
    function load(before) {
      var url = base + '/messages?limit=50' + (before ? '&before=' + encodeURIComponent(before) : '');
      return fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json', 'Accept-Language': 'zh-CN'}})
        .then(function (r) { return r.ok ? r.json() : problem(r).then(function (d) { return Promise.reject(d); }); })
        .then(function (page) {
          // Newest first: each goes on top of what is drawn, so the oldest ends at the top.
          var first = list.firstChild;
          page.messages.slice().reverse().forEach(function (m) {
            if (!document.getElementById('m-' + m.id)) {
              list.insertBefore(draw(m), first);
            }
          });
          if (page.messages.length) {
            oldestId = page.messages[page.messages.length - 1].id;
            if (!before) {
              markRead(page.messages[0].id);
            }
          }
          older.hidden = !page.more;
          page.loaded = true;
          list.setAttribute('data-loaded', 'true');
        })
        .catch(function (detail) { error.textContent = String(detail); error.hidden = false; });
    }
    older.addEventListener('click', function () { load(oldestId); });
    document.getElementById('reply-cancel').addEventListener('click', function () {
      document.getElementById('reply-to').value = '';
      document.getElementById('replying').hidden = true;
    });
    document.addEventListener('scriptorium:group', function (event) {
      var data = event.detail;
      if (data.groupId !== groupId) {
        return;
      }
      if (data.type === 'GROUP_MESSAGE' && data.message) {
        append(data.message);
      } else if (data.type === 'GROUP_MESSAGE_HIDDEN') {
        var gone = document.getElementById('m-' + data.messageId);
        if (gone) { gone.remove(); }
      }
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      error.hidden = true;
      note.hidden = true;
      var body = new FormData(form);
      var file = document.getElementById('composer-image');
      if (!file.files.length) {
        body.delete('image');
      }
      var send = document.getElementById('composer-send');
      send.disabled = true;
      fetch(base + '/messages', {method: 'POST', credentials: 'same-origin', headers: csrf(), body: body})
        .then(function (r) {
          if (r.status === 201) {
            return r.json().then(function (m) {
              append(m);
              form.reset();
              document.getElementById('reply-to').value = '';
              document.getElementById('replying').hidden = true;
            });
          }
          if (r.status === 202) {
            form.reset();
            note.textContent = '消息未发出：其中疑似含有会员专享资料的原文，已交管理员审核。';
            note.hidden = false;
            return null;
          }
          return problem(r).then(function (detail) {
            error.textContent = detail;
            error.hidden = false;
          });
        })
        .catch(function () { error.textContent = '网络异常，消息未发出。'; error.hidden = false; })
        .then(function () { send.disabled = false; });
    });
    load(null);
  }

  function setUp() {
    setUpFillIn();
    setUpBell();
    setUpCopyAll();
    setUpFontSwitch();
    setUpFloatingOutline();
    setUpGroup();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUp);
  } else {
    setUp();
  }
})();
