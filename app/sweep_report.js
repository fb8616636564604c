// Draws `loadtwin sweep --html` from its JSON data block (id "sweep-data") with the Chart.js
// embedded above: per threshold a line chart (one --vary) or a pass-probability heatmap with
// the 50% boundary (two or more). Plain ES2017, no modules, no network.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('sweep-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, "DejaVu Sans", sans-serif';
  Chart.defaults.maintainAspectRatio = false;
  const plots = document.getElementById('plots');

  function percent(p) { return (100 * p).toFixed(p > 0 && p < 0.001 ? 2 : 1) + '%'; }
  function statText(t, v) {
    const short = x => String(Number(x.toPrecision(4)));  // 0.01, not 0.01000
    return t.is_time ? (v >= 1000 ? short(v / 1000) + ' s' : short(v) + ' ms') : short(v);
  }
  // Red (0%) through yellow (50%) to green (100%).
  function colour(p) {
    const stops = [[215, 48, 39], [254, 224, 139], [26, 152, 80]];
    const s = p < 0.5 ? 0 : 1, f = p < 0.5 ? p / 0.5 : (p - 0.5) / 0.5;
    const c = stops[s].map((v, i) => Math.round(v + (stops[s + 1][i] - v) * f));
    return 'rgb(' + c.join(',') + ')';
  }
  function addBox(t, kind) {
    const box = document.createElement('div');
    box.className = 'chart ' + kind;
    const h = document.createElement('h3');
    h.textContent = t.metric + ' ' + t.expression;
    const canvasBox = document.createElement('div');
    canvasBox.className = 'canvas-box';
    const canvas = document.createElement('canvas');
    canvasBox.appendChild(canvas);
    box.appendChild(h);
    box.appendChild(canvasBox);
    plots.appendChild(box);
    return {box: box, canvas: canvas};
  }

  function lineChart(t) {
    const x = data.params[0];
    const l = t.line;
    const where = addBox(t, 'line');
    const limit = x.values.map(() => t.limit);
    new Chart(where.canvas, {type: 'line', data: {labels: x.values, datasets: [
      {label: 'pass probability', data: l.pass.map(p => p === null ? null : 100 * p),
       yAxisID: 'y', borderColor: '#1f77b4', backgroundColor: '#1f77b4', borderWidth: 2},
      {label: 'statistic p5', data: l.p5, yAxisID: 'y1', borderColor: 'rgba(214,39,40,0.3)',
       pointRadius: 0, borderWidth: 1},
      {label: 'statistic p95', data: l.p95, yAxisID: 'y1', borderColor: 'rgba(214,39,40,0.3)',
       backgroundColor: 'rgba(214,39,40,0.12)', pointRadius: 0, borderWidth: 1, fill: '-1'},
      {label: 'statistic p50', data: l.p50, yAxisID: 'y1', borderColor: '#d62728',
       backgroundColor: '#d62728', borderWidth: 2},
      {label: 'limit ' + statText(t, t.limit), data: limit, yAxisID: 'y1',
       borderColor: '#d62728', borderDash: [6, 4], pointRadius: 0, borderWidth: 1}]},
      options: {scales: {
        x: {title: {display: true, text: x.path}},
        y: {min: 0, max: 100, position: 'left',
            title: {display: true, text: 'pass probability (%)'}},
        y1: {beginAtZero: true, suggestedMax: 1.15 * t.limit, position: 'right',
             grid: {drawOnChartArea: false},  // the limit sits below the top edge
             title: {display: true, text: 'statistic over runs' + (t.is_time ? ' (ms)' : '')}}}}});
  }

  // Cell i spans [i - 0.5, i + 0.5]; one tick per cell centre, labelled with its value
  // (Chart.js would otherwise place ticks from the -0.5 edge, between the cells).
  function indexAxis(param) {
    return {type: 'linear', min: -0.5, max: param.values.length - 0.5, offset: false,
            title: {display: true, text: param.path, font: {weight: 'bold'}},
            grid: {display: false},
            afterBuildTicks: axis => {
              axis.ticks = param.values.map((_, i) => ({value: i}));
            },
            ticks: {autoSkip: param.values.length > 30,
                    callback: v => Number.isInteger(v) ? param.values[v] : ''}};
  }

  // Cells are drawn under the datasets from the scales, one rectangle per grid point.
  const cellsPlugin = {id: 'loadtwinCells', beforeDatasetsDraw(chart) {
    const cells = chart.config.options.plugins.loadtwinCells;
    if (!cells) return;
    const ctx = chart.ctx, xs = chart.scales.x, ys = chart.scales.y;
    ctx.save();
    ctx.font = '11px system-ui, "DejaVu Sans", sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    cells.grid.forEach((row, j) => row.forEach((p, i) => {
      if (p === null) return;
      const x0 = xs.getPixelForValue(i - 0.5), x1 = xs.getPixelForValue(i + 0.5);
      const y0 = ys.getPixelForValue(j + 0.5), y1 = ys.getPixelForValue(j - 0.5);
      ctx.fillStyle = colour(p);
      ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
      if (x1 - x0 >= 34 && y1 - y0 >= 16) {
        ctx.fillStyle = '#1b1f24';
        ctx.fillText(Math.round(100 * p) + '%', (x0 + x1) / 2, (y0 + y1) / 2);
      }
    }));
    ctx.restore();
  }};

  function heatmap(t) {
    const px = data.params[0], py = data.params[1];
    const where = addBox(t, 'heatmap');
    const points = [];
    t.heatmap.cells.forEach((row, j) => row.forEach((p, i) => {
      if (p !== null) points.push({x: i, y: j, p: p});
    }));
    const boundary = [];
    t.heatmap.boundary.forEach(s => {
      boundary.push({x: s[0], y: s[1]}, {x: s[2], y: s[3]}, {x: null, y: null});
    });
    new Chart(where.canvas, {type: 'scatter', data: {datasets: [
      {label: 'grid points', data: points, pointRadius: 0, pointHitRadius: 14,
       backgroundColor: 'rgba(0,0,0,0)', borderColor: 'rgba(0,0,0,0)'},
      {type: 'line', label: '50% boundary', data: boundary, borderColor: '#000',
       backgroundColor: '#000', borderWidth: 3, pointRadius: 0, spanGaps: false}]},
      options: {scales: {x: indexAxis(px), y: indexAxis(py)},
                plugins: {loadtwinCells: {grid: t.heatmap.cells},
                          legend: {labels: {filter: item => item.datasetIndex === 1}},
                          tooltip: {filter: item => item.datasetIndex === 0, callbacks: {
                            label: item => px.path + ' = ' + px.values[item.raw.x] + ', ' +
                              py.path + ' = ' + py.values[item.raw.y] + ': passes ' +
                              percent(item.raw.p)}}}},
      plugins: [cellsPlugin]});
    const scale = document.createElement('div');
    scale.className = 'scale';
    scale.innerHTML = '<span>pass probability 0%</span><span class="bar"></span>' +
                      '<span>100%</span><span>(black line: 50% boundary)</span>';
    where.box.appendChild(scale);
  }

  data.thresholds.forEach(t => (t.line ? lineChart(t) : heatmap(t)));
})();
