/*
 * juesuan review site: the page's behaviour, with no library and no network (it runs from file://).
 * - clicking a finding (or a cell) selects its cell: outlined, scrolled to, its findings marked;
 * - n/j and p/k move to the next / previous flagged cell, a accepts the selected reading, e edits it;
 * - decisions are kept in the browser's localStorage (all documents of the site together) and saved
 *   as corrections.json by a download, for `juesuan extract|export --corrections`.
 */
(function () {
  'use strict';
  var STORE = 'juesuan-corrections/v1';
  var REVIEWER = 'juesuan-reviewer';
  var memory = { list: [], reviewer: '' };

  function readList() {
    try {
      var raw = window.localStorage.getItem(STORE);
      return raw ? JSON.parse(raw) : [];
    } catch {
      return memory.list;
    }
  }
  function writeList(list) {
    memory.list = list;
    try {
      window.localStorage.setItem(STORE, JSON.stringify(list));
    } catch {
      /* storage unavailable (private mode): kept in memory until the page closes */
    }
  }
  function idOf(c) {
    return c.sha256 + '|' + c.table + '|' + c.row + '|' + c.column;
  }

  function updateCount() {
    var n = readList().length;
    var el = document.getElementById('corr-count');
    if (el) el.textContent = n ? '本机已保存 ' + n + ' 条更正（所有文档）' : '尚无更正';
    var btn = document.getElementById('corr-download');
    if (btn) btn.disabled = n === 0;
  }

  function download() {
    var list = readList()
      .slice()
      .sort(function (a, b) {
        return idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0;
      });
    var text = JSON.stringify({ kind: 'juesuan-corrections', version: 1, corrections: list }, null, 2) + '\n';
    var url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = 'corrections.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
  }

  var dl = document.getElementById('corr-download');
  if (dl) dl.addEventListener('click', download);
  updateCount();

  var dataEl = document.getElementById('review-data');
  if (!dataEl) return; // the index page
  var data = JSON.parse(dataEl.textContent);

  var reviewer = document.getElementById('reviewer');
  try {
    reviewer.value = window.localStorage.getItem(REVIEWER) || '';
  } catch {
    reviewer.value = memory.reviewer;
  }
  reviewer.addEventListener('change', function () {
    memory.reviewer = reviewer.value;
    try {
      window.localStorage.setItem(REVIEWER, reviewer.value);
    } catch {
      /* kept in memory */
    }
  });

  function elementsOf(key) {
    return Array.prototype.filter.call(document.querySelectorAll('[data-cell]'), function (el) {
      return el.getAttribute('data-cell') === key;
    });
  }

  // Flagged cells in reading order: page by page, top to bottom, left to right.
  var flagged = Array.prototype.slice.call(document.querySelectorAll('.box.cell.flagged'));
  var pos = new Map();
  flagged.forEach(function (el) {
    var r = el.getBoundingClientRect();
    pos.set(el, [r.top + window.scrollY, r.left + window.scrollX]);
  });
  flagged.sort(function (a, b) {
    var pa = pos.get(a);
    var pb = pos.get(b);
    return Math.abs(pa[0] - pb[0]) > 2 ? pa[0] - pb[0] : pa[1] - pb[1];
  });

  var selected = null;
  var panel = document.getElementById('selected');
  var input = document.getElementById('sel-input');
  var error = document.getElementById('sel-error');

  function cellInfo(key) {
    return data.cells[key] || data.unread[key] || null;
  }

  /** Select a cell: `key` is the cell decided on; `show` the element outlined (the cell, or its row). */
  function select(key, show) {
    document.querySelectorAll('.box.hl').forEach(function (el) {
      el.classList.remove('hl');
    });
    document.querySelectorAll('li.finding.active').forEach(function (el) {
      el.classList.remove('active');
    });
    selected = key;
    var target = show || key;
    var els = elementsOf(target);
    els.forEach(function (el) {
      el.classList.add('hl');
    });
    if (els[0]) els[0].scrollIntoView({ block: 'center', inline: 'nearest' });
    document.querySelectorAll('li.finding').forEach(function (li) {
      if (li.getAttribute('data-key') === key || li.getAttribute('data-target') === key) li.classList.add('active');
    });
    var info = cellInfo(key);
    error.textContent = '';
    if (!info) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    document.getElementById('sel-where').textContent =
      '公开' +
      info.t +
      '表 ' +
      info.r +
      (info.l ? '（' + info.l + '）' : '') +
      ' 栏' +
      info.c +
      (info.n ? ' ' + info.n : '');
    var done = readList().filter(function (c) {
      return idOf(c) === data.sha256 + '|' + key;
    })[0];
    document.getElementById('sel-value').textContent =
      (info.v === null || info.v === undefined ? '（未读出）' : info.v) + (done ? '  → 已更正为 ' + done.value : '');
    document.getElementById('sel-conf').textContent = info.p !== undefined ? '置信度 ' + info.p : '';
    document.getElementById('sel-accept').disabled = info.v === null || info.v === undefined;
    input.value = done ? done.value : info.v || '';
  }

  function normalize(s) {
    var t = String(s)
      .replace(/[０-９]/g, function (d) {
        return String.fromCharCode(d.charCodeAt(0) - 0xfee0);
      })
      .replace(/[．。]/g, '.')
      .replace(/[－—–]/g, '-')
      .replace(/[,，\s]/g, '');
    return /^-?\d+(\.\d+)?$/.test(t) ? t : null;
  }

  function record(value) {
    var info = cellInfo(selected);
    if (!info) return;
    var c = {
      sha256: data.sha256,
      document: data.document,
      table: info.t,
      row: info.r,
      column: info.c,
      value: value,
      was: info.v === undefined ? null : info.v,
      at: new Date().toISOString(),
    };
    if (reviewer.value.trim()) c.by = reviewer.value.trim();
    var list = readList().filter(function (x) {
      return idOf(x) !== idOf(c);
    });
    list.push(c);
    writeList(list);
    markCorrected();
    select(selected);
    updateCount();
  }

  function accept() {
    var info = cellInfo(selected);
    if (!info || info.v === null || info.v === undefined) return;
    record(info.v);
  }

  function save() {
    var v = normalize(input.value);
    if (v === null) {
      error.textContent = '请输入印刷的数值，如 1234.56 或 -7.10';
      return;
    }
    record(v);
  }

  function markCorrected() {
    document.querySelectorAll('.box.corrected').forEach(function (el) {
      el.classList.remove('corrected');
    });
    var list = document.getElementById('corr-list');
    list.textContent = '';
    readList()
      .filter(function (c) {
        return c.sha256 === data.sha256;
      })
      .forEach(function (c) {
        var key = c.table + '|' + c.row + '|' + c.column;
        elementsOf(key).forEach(function (el) {
          el.classList.add('corrected');
        });
        var li = document.createElement('li');
        li.textContent =
          '公开' +
          c.table +
          '表 ' +
          c.row +
          ' 栏' +
          c.column +
          '：' +
          (c.was === null ? '（空白）' : c.was) +
          ' → ' +
          c.value +
          ' ';
        var undo = document.createElement('button');
        undo.type = 'button';
        undo.textContent = '撤销';
        undo.addEventListener('click', function () {
          writeList(
            readList().filter(function (x) {
              return idOf(x) !== idOf(c);
            }),
          );
          markCorrected();
          updateCount();
        });
        li.appendChild(undo);
        list.appendChild(li);
      });
  }

  function step(dir) {
    if (!flagged.length) return;
    var i = -1;
    for (var k = 0; k < flagged.length; k++) if (flagged[k].getAttribute('data-cell') === selected) i = k;
    var next = i < 0 ? (dir > 0 ? 0 : flagged.length - 1) : (i + dir + flagged.length) % flagged.length;
    select(flagged[next].getAttribute('data-cell'));
  }

  document.querySelectorAll('li.finding').forEach(function (li) {
    li.addEventListener('click', function () {
      var key = li.getAttribute('data-key');
      var target = li.getAttribute('data-target');
      if (key || target) {
        select(key || target, target);
      } else if (li.getAttribute('data-page')) {
        var page = document.getElementById('page-' + li.getAttribute('data-page'));
        if (page) page.scrollIntoView({ block: 'start' });
      }
      li.classList.add('active');
    });
    li.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') li.click();
    });
  });
  document.querySelectorAll('.box.cell').forEach(function (el) {
    el.addEventListener('click', function () {
      select(el.getAttribute('data-cell'));
    });
  });
  document.getElementById('sel-accept').addEventListener('click', accept);
  document.getElementById('sel-save').addEventListener('click', save);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') save();
    if (e.key === 'Escape') input.blur();
  });
  document.addEventListener('keydown', function (e) {
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'n' || e.key === 'j') step(1);
    else if (e.key === 'p' || e.key === 'k') step(-1);
    else if (e.key === 'a') accept();
    else if (e.key === 'e' && selected) {
      e.preventDefault();
      input.focus();
      input.select();
    } else return;
  });
  markCorrected();
})();
