// The watched job's layers, one small chart each: ‖∂C/∂b‖ (Nielsen's speed of learning) and the
// update:parameter ratio on a log scale, the share of saturated or dead units on a 0–1 scale, and the
// weights' histograms over the epochs as a heat strip. Epoch 0 is the measurement before training.
import {$} from './api.js';

let layers = []; // per weight layer: {chart, strip, byEpoch: Map(epoch → metrics)}

function container() {
    return $('#layer-charts');
}

/** Empties the layer charts for a new job. */
export function resetLayers() {
    layers.forEach((layer) => layer.chart && layer.chart.destroy());
    layers = [];
    const box = container();
    box.replaceChildren();
    box.dataset.layers = '0';
    box.dataset.epochs = '0';
    box.hidden = true;
}

function smallMultiple(index) {
    const figure = document.createElement('figure');
    figure.className = 'layer-figure';
    const caption = document.createElement('figcaption');
    caption.textContent = `layer ${index + 1}`;
    const chartBox = document.createElement('div');
    chartBox.className = 'layer-chart';
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Layer ${index + 1}: bias gradient norm, update ratio, saturated or dead share by epoch`);
    chartBox.append(canvas);
    const strip = document.createElement('canvas');
    strip.className = 'heat-strip';
    strip.setAttribute('role', 'img');
    strip.setAttribute('aria-label', `Layer ${index + 1}: weight histogram by epoch, darker where more weights lie`);
    figure.append(caption, chartBox, strip);
    container().append(figure);
    const line = (label, color, axis, dash) => ({
        label, borderColor: color, backgroundColor: color, yAxisID: axis, data: [], borderDash: dash, pointRadius: 1,
        spanGaps: true,
    });
    const chart = window.Chart ? new window.Chart(canvas, {
        type: 'line',
        data: {labels: [], datasets: [line('‖∂C/∂b‖', '#2f6fdb', 'log', []), line('update ratio', '#1a9850', 'log', [4, 3]),
            line('saturated', '#d95f02', 'share', [1, 2]), line('dead', '#7f7f7f', 'share', [1, 2])]},
        options: {
            animation: false, responsive: true, maintainAspectRatio: false,
            interaction: {mode: 'index', intersect: false},
            plugins: {legend: {labels: {boxWidth: 10, font: {size: 10}, filter: (item, data) => !data.datasets[item.datasetIndex].hidden}}},
            scales: {
                x: {title: {display: true, text: 'epoch'}},
                log: {type: 'logarithmic', position: 'left'},
                share: {type: 'linear', position: 'right', min: 0, max: 1, grid: {drawOnChartArea: false}},
            },
        },
    }) : null;
    return {chart, strip, caption, byEpoch: new Map()};
}

/** Adds one measurement of every layer: an epoch's end, or epoch 0 before training. */
export function addLayerEpoch(epoch, measured) {
    if (!measured || !measured.length) {
        return;
    }
    while (layers.length < measured.length) {
        layers.push(smallMultiple(layers.length));
    }
    measured.forEach((metrics, l) => {
        layers[l].byEpoch.set(epoch, metrics);
        redraw(layers[l]);
    });
    const box = container();
    box.hidden = false;
    box.dataset.layers = String(layers.length);
    box.dataset.epochs = String(Math.max(Number(box.dataset.epochs), epoch));
}

/** The measurement before training, from a job's record (its step 0). */
export function addJobLayers(job) {
    const first = (job.steps || []).find((step) => step.step === 0);
    if (first) {
        addLayerEpoch(0, first.layers);
    }
}

function redraw(layer) {
    const epochs = [...layer.byEpoch.keys()].sort((a, b) => a - b);
    const rows = epochs.map((e) => layer.byEpoch.get(e));
    const last = rows[rows.length - 1];
    layer.caption.textContent = `layer ${last.layer}: ‖∂C/∂b‖ ${last.biasGradientNorm.toPrecision(2)}`
        + (last.updateRatio == null ? '' : `, update ratio ${last.updateRatio.toPrecision(2)}`);
    if (layer.chart) {
        layer.chart.data.labels = epochs;
        const positive = (v) => (v == null || v <= 0 ? null : v); // a log axis cannot show 0
        layer.chart.data.datasets[0].data = rows.map((m) => positive(m.biasGradientNorm));
        layer.chart.data.datasets[1].data = rows.map((m) => positive(m.updateRatio));
        layer.chart.data.datasets[2].data = rows.map((m) => m.saturated);
        layer.chart.data.datasets[3].data = rows.map((m) => m.dead);
        layer.chart.data.datasets.forEach((d) => { d.hidden = d.data.every((v) => v == null); });
        layer.chart.update();
    }
    drawStrip(layer.strip, rows.map((m) => m.weightHistogram));
}

/** One column per epoch, the weights' range shared by all columns from bottom to top, darker for more weights. */
function drawStrip(canvas, histograms) {
    const bins = 20;
    const low = Math.min(...histograms.map((h) => h.edges[0]));
    const high = Math.max(...histograms.map((h) => h.edges[h.edges.length - 1]));
    canvas.width = histograms.length;
    canvas.height = bins;
    const pen = canvas.getContext('2d');
    pen.fillStyle = '#fff';
    pen.fillRect(0, 0, canvas.width, canvas.height);
    histograms.forEach((h, x) => {
        const column = new Array(bins).fill(0);
        h.counts.forEach((count, k) => {
            const centre = (h.edges[k] + h.edges[k + 1]) / 2;
            const row = high > low ? Math.min(bins - 1, Math.floor((centre - low) / (high - low) * bins)) : 0;
            column[row] += count;
        });
        const most = Math.max(...column) || 1;
        column.forEach((count, row) => {
            pen.fillStyle = `rgba(47, 111, 219, ${Math.sqrt(count / most)})`;
            pen.fillRect(x, bins - 1 - row, 1, 1);
        });
    });
    canvas.title = `weights from ${low.toPrecision(2)} (bottom) to ${high.toPrecision(2)} (top), epochs left to right`;
}
