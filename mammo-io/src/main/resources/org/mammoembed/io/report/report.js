/*
 * The report page's glue: reads window.MAMMO_REPORT (report/data.js) and drives Apache ECharts (report/echarts.min.js).
 * All plotting is ECharts'; this file only builds its options, the side panel and the selection view.
 * After each render it sets document.body.dataset.renderedPoints (points drawn) and .projection (layout shown).
 */
(function () {
  'use strict';
  var D = window.MAMMO_REPORT;
  var C = D.columns;
  var N = D.points;
  var LAYOUT_NAMES = { pca: 'PCA', tsne: 't-SNE', umap: 'UMAP' };
  // Okabe-Ito, as the PNG previews; grey for unlabelled / unknown
  var PALETTE = ['#0072B2', '#009E73', '#E69F00', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
  var GREY = '#999999';
  var DENSITY = ['unlabelled', 'A (fatty)', 'B (scattered)', 'C (heterogeneous)', 'D (extremely dense)'];

  var chart = null;
  var state = { layout: null, colouring: null, selected: -1 };
  var seriesRows = [];   // per class series: the point indices it holds, in its data order

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function densityLabel(b) { return DENSITY[b] || String(b); }

  function fmt(v) {
    if (v === null || v === undefined) { return '\u2013'; }
    if (typeof v === 'number') {
      if (!isFinite(v)) { return String(v); }
      if (Number.isInteger(v)) { return String(v); }
      return Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(4);
    }
    if (typeof v === 'object' && 'mean' in v && 'std' in v) { return fmt(v.mean) + ' \u00b1 ' + fmt(v.std); }
    if (Array.isArray(v)) { return v.map(function (x) { return Array.isArray(x) ? '[' + x.join(', ') + ']' : fmt(x); }).join(', '); }
    if (typeof v === 'object') { return JSON.stringify(v); }
    return String(v);
  }

  // ---- colourings: each maps a point to a class key, with the classes in legend order ----
  function categorical(key, label, column, name) {
    var values = {};
    column.forEach(function (v) { values[v] = true; });
    var keys = Object.keys(values).sort(function (a, b) {
      if (a === '' || a === 'unknown') { return 1; }
      if (b === '' || b === 'unknown') { return -1; }
      return a < b ? -1 : a > b ? 1 : 0;
    });
    var classes = keys.map(function (k, j) {
      return { key: k, label: name ? name(k) : (k === '' ? 'unknown' : k), color: k === '' ? GREY : PALETTE[j % PALETTE.length] };
    });
    return { key: key, label: label, classOf: function (i) { return String(column[i]); }, classes: classes };
  }

  function colourings() {
    var list = [];
    var density = [1, 2, 3, 4, 0].filter(function (b) { return C.birads.indexOf(b) >= 0; }).map(function (b) {
      return { key: String(b), label: densityLabel(b), color: b === 0 ? GREY : PALETTE[b - 1] };
    });
    list.push({ key: 'density', label: 'BI-RADS density', classOf: function (i) { return String(C.birads[i]); }, classes: density });
    list.push(categorical('split', 'split', C.split));
    list.push(categorical('view', 'view position', C.view));
    list.push(categorical('laterality', 'laterality', C.laterality));
    if (C.kmeans) {
      list.push(categorical('kmeans', 'k-means cluster', C.kmeans.map(String), function (k) { return 'cluster ' + (Number(k) + 1); }));
    }
    if (C.examFailed) {
      list.push(categorical('failed', 'exam with failed images', C.examFailed.map(String),
        function (k) { return k === '1' ? 'exam with failed images' : 'exam complete'; }));
    }
    return list;
  }

  // ---- the chart ----
  function buildOption() {
    var L = D.layouts[state.layout];
    var col = state.colouring;
    var index = {};
    col.classes.forEach(function (c, j) { index[c.key] = j; });
    var data = col.classes.map(function () { return []; });
    seriesRows = col.classes.map(function () { return []; });
    for (var i = 0; i < N; i++) {
      var x = L.x[i], y = L.y[i];
      if (x === null || y === null) { continue; }
      var j = index[col.classOf(i)];
      data[j].push([x, y]);
      seriesRows[j].push(i);
    }
    var size = N <= 2000 ? 7 : N <= 10000 ? 4 : 3;
    var series = col.classes.map(function (c, j) {
      return {
        type: 'scatter', name: c.label, data: data[j], symbolSize: size, large: true, largeThreshold: 2000,
        itemStyle: { color: c.color, opacity: 0.8 }, emphasis: { focus: 'none', scale: 1.8 }
      };
    });
    series.push(highlightSeries());
    var name = LAYOUT_NAMES[state.layout] || state.layout.toUpperCase();
    return {
      animation: false,
      grid: { left: 56, right: 24, top: 48, bottom: 48 },
      legend: { top: 8, data: col.classes.map(function (c) { return c.label; }) },
      tooltip: { trigger: 'item', className: 'mr-tooltip', confine: true, formatter: tooltip },
      xAxis: { type: 'value', scale: true, name: name + ' 1', nameLocation: 'middle', nameGap: 28, axisLine: { onZero: false }, splitLine: { lineStyle: { color: '#eee' } } },
      yAxis: { type: 'value', scale: true, name: name + ' 2', nameLocation: 'middle', nameGap: 40, axisLine: { onZero: false }, splitLine: { lineStyle: { color: '#eee' } } },
      dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' }],
      series: series
    };
  }

  // the selected point (large ring) and its neighbours (rings), drawn over the classes
  function highlightSeries() {
    var L = D.layouts[state.layout];
    var pts = [];
    if (state.selected >= 0) {
      neighboursOf(state.selected).forEach(function (n) {
        if (L.x[n.index] !== null) { pts.push({ value: [L.x[n.index], L.y[n.index]], symbolSize: 12 }); }
      });
      if (L.x[state.selected] !== null) { pts.push({ value: [L.x[state.selected], L.y[state.selected]], symbolSize: 18 }); }
    }
    return {
      type: 'scatter', name: '__selection', data: pts, silent: true, z: 10, tooltip: { show: false },
      itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#000', borderWidth: 2 }
    };
  }

  function pointOf(params) {
    var rows = seriesRows[params.seriesIndex];
    return rows ? rows[params.dataIndex] : undefined;
  }

  function tooltip(params) {
    var i = pointOf(params);
    if (i === undefined) { return ''; }
    return '<b>' + esc(C.accession[i]) + '</b><br>BI-RADS: ' + esc(C.birads[i] ? C.birads[i] + ' \u00b7 ' + densityLabel(C.birads[i]) : 'unlabelled') +
      '<br>' + esc(C.path[i]) + '<br>view: ' + esc(C.view[i] || '?') + ', laterality: ' + esc(C.laterality[i] || '?');
  }

  function render() {
    chart.setOption(buildOption(), { notMerge: true });
  }

  function countRendered() {
    var selected = (chart.getOption().legend[0] || {}).selected || {};
    var n = 0;
    state.colouring.classes.forEach(function (c, j) {
      if (selected[c.label] !== false) { n += seriesRows[j].length; }
    });
    document.body.dataset.renderedPoints = String(n);
    document.body.dataset.projection = state.layout;
    document.body.dataset.colour = state.colouring.key;
    if (!document.body.dataset.firstRenderMs) {
      document.body.dataset.firstRenderMs = String(Math.round(performance.now()));
    }
  }

  // ---- the selection: thumbnail and nearest neighbours ----
  function neighboursOf(i) {
    var k = D.neighbours.k, out = [];
    for (var r = 0; r < k; r++) {
      var j = D.neighbours.index[i * k + r];
      if (j >= 0) { out.push({ index: j, similarity: D.neighbours.similarity[i * k + r] }); }
    }
    return out;
  }

  function thumb(i, small) {
    if (!C.thumb[i]) {
      return el('span', { 'class': 'thumb missing' + (small ? ' small' : ''), text: 'no thumbnail' });
    }
    return el('img', { 'class': 'thumb' + (small ? ' small' : ''), loading: 'lazy', alt: 'network input of ' + C.path[i], src: 'report/thumbs/' + C.thumb[i] });
  }

  function select(i) {
    state.selected = i;
    if (history.replaceState) { history.replaceState(null, '', '#point=' + i); }
    var box = document.getElementById('selection');
    box.textContent = '';
    box.dataset.index = String(i);
    var fields = el('dl', { 'class': 'fields' });
    [['BI-RADS', C.birads[i] ? C.birads[i] + ' \u00b7 ' + densityLabel(C.birads[i]) : 'unlabelled'], ['image', C.path[i]],
      ['view', C.view[i]], ['laterality', C.laterality[i]], ['split', C.split[i]],
      ['cluster', C.kmeans ? 'cluster ' + (C.kmeans[i] + 1) : null]].forEach(function (f) {
      if (f[1] !== null && f[1] !== undefined) {
        fields.appendChild(el('dt', { text: f[0] }));
        fields.appendChild(el('dd', { text: f[1] || '?' }));
      }
    });
    box.appendChild(el('h2', { text: 'Selected image' }));
    box.appendChild(el('h3', { 'class': 'accession', text: C.accession[i] }));
    box.appendChild(thumb(i, false));
    box.appendChild(fields);
    var list = el('ol', { id: 'neighbours' });
    neighboursOf(i).forEach(function (n) {
      var j = n.index;
      var li = el('li', { 'class': 'neighbour', 'data-index': String(j), 'data-similarity': String(n.similarity) }, [
        thumb(j, true),
        el('div', {}, [
          el('div', { text: C.accession[j] + ' \u00b7 ' + (C.view[j] || '?') + ' ' + (C.laterality[j] || '') }),
          el('div', { text: 'BI-RADS ' + (C.birads[j] ? densityLabel(C.birads[j]) : 'unlabelled') }),
          el('div', { 'class': 'sim', text: 'cosine ' + Number(n.similarity).toFixed(4) })
        ])
      ]);
      li.addEventListener('click', function () { select(j); });
      list.appendChild(li);
    });
    box.appendChild(el('h2', { text: 'Nearest neighbours (cosine, ' + D.dimension + '-D features)' }));
    box.appendChild(list);
    if (chart) { chart.setOption({ series: buildOption().series }); }
  }

  // ---- side panel ----
  function table(rows, head) {
    var t = el('table');
    if (head) { t.appendChild(el('tr', {}, head.map(function (h) { return el('th', { text: h }); }))); }
    rows.forEach(function (r) {
      t.appendChild(el('tr', {}, r.map(function (v, j) {
        return el('td', { 'class': j > 0 && typeof v === 'number' ? 'num' : '', text: j > 0 ? fmt(v) : String(v) });
      })));
    });
    return t;
  }

  function entries(obj) { return Object.keys(obj || {}).map(function (k) { return [k, obj[k]]; }); }

  function summaryPanel() {
    var S = D.summary;
    var box = document.getElementById('summary');
    box.appendChild(el('h2', { text: 'Study' }));
    box.appendChild(table([['images embedded', S.images], ['exams', S.exams], ['feature dimension', D.dimension],
      ['failed images', S.failures], ['report generated', D.generated]]));
    box.appendChild(el('h3', { text: 'By BI-RADS density' }));
    box.appendChild(table(entries(S.byBiRads).map(function (e) { return [e[0] === 'unlabelled' ? e[0] : densityLabel(Number(e[0])), e[1]]; })));
    box.appendChild(el('h3', { text: 'By split' }));
    box.appendChild(table(entries(S.bySplit)));
    var f = document.getElementById('failures');
    f.appendChild(el('h2', { text: 'Failures by stage' }));
    if (S.failures === 0) {
      f.appendChild(el('p', { 'class': 'hint', text: 'none' }));
    } else {
      f.appendChild(table(entries(S.failuresByStage), ['stage', 'images']));
      f.appendChild(el('h3', { text: 'By stage and error' }));
      f.appendChild(table(entries(S.failuresByError), ['stage / error', 'images']));
    }
    if (D.clustering) {
      var c = document.getElementById('clustering');
      c.appendChild(el('h2', { text: 'Clustering metrics' }));
      c.appendChild(table(entries(D.clustering).filter(function (e) { return typeof e[1] !== 'object' || e[1] === null; })));
      var km = D.clustering.kmeans;
      if (km && km.sweep && km.sweep.length) {
        c.appendChild(el('h3', { text: 'k-means sweep (best k = ' + fmt(km.best_k) + ')' }));
        var keys = Object.keys(km.sweep[0]).filter(function (k) { return k !== 'reason'; });
        c.appendChild(table(km.sweep.map(function (r) { return keys.map(function (k) { return r[k]; }); }), keys));
      }
    }
    if (D.baselines) { baselinePanel(D.baselines); }
  }

  function baselinePanel(B) {
    var box = document.getElementById('baselines');
    box.appendChild(el('h2', { text: 'Baseline classifiers' }));
    var head = ['model', 'features', 'balanced acc.', 'macro F1', 'QW kappa'];
    var rows = [];
    ['embedding', 'handcrafted'].forEach(function (set) {
      (B[set] || []).forEach(function (m) {
        rows.push([m.model, m.features || set, m.balanced_accuracy, m.macro_f1, m.quadratic_weighted_kappa]);
      });
    });
    box.appendChild(table(rows, head));
    if (B.paired_t_test) {
      box.appendChild(el('h3', { text: 'Paired t-test' }));
      box.appendChild(table(entries(B.paired_t_test)));
    }
  }

  // ---- controls ----
  function controls(cols) {
    var nav = document.getElementById('layouts');
    Object.keys(D.layouts).forEach(function (key) {
      var b = el('button', { type: 'button', 'data-layout': key, text: LAYOUT_NAMES[key] || key.toUpperCase() });
      b.addEventListener('click', function () { showLayout(key); });
      nav.appendChild(b);
    });
    var sel = document.getElementById('colour-by');
    cols.forEach(function (c) { sel.appendChild(el('option', { value: c.key, text: c.label })); });
    sel.addEventListener('change', function () {
      state.colouring = cols.filter(function (c) { return c.key === sel.value; })[0];
      if (chart) { render(); }
    });
  }

  function showLayout(key) {
    state.layout = key;
    Array.prototype.forEach.call(document.querySelectorAll('#layouts button'), function (b) {
      b.classList.toggle('active', b.dataset.layout === key);
    });
    render();
  }

  function start() {
    var cols = colourings();
    state.colouring = cols[0];
    controls(cols);
    summaryPanel();
    var layouts = Object.keys(D.layouts);
    if (layouts.length === 0) {
      document.getElementById('no-layout').hidden = false;
      document.body.dataset.renderedPoints = '0';
      document.body.dataset.projection = 'none';
      return;
    }
    chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
    chart.on('finished', countRendered);
    chart.on('click', function (params) {
      var i = pointOf(params);
      if (i !== undefined) { select(i); }
    });
    window.addEventListener('resize', function () { chart.resize(); });
    showLayout(layouts.indexOf('pca') >= 0 ? 'pca' : layouts[0]);
    // report.html#point=12 opens with point 12 selected (a link to one image)
    var m = /point=(\d+)/.exec(location.hash);
    if (m && Number(m[1]) < N) { select(Number(m[1])); }
  }

  start();
}());
