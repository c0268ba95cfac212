// The learning-curve panel: train the training form's request on growing subsets and draw accuracy
// against training set size on a log scale, with the service's bias/variance reading.
import {$, api, percent, postJson, showProblem} from './api.js';
import {trainingRequest} from './form.js';

const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
const SERIES = [
    ['validationAccuracy', 'validation', '#2f6fdb'],
    ['trainAccuracy', 'training', '#e07b00'],
    ['testAccuracy', 'test', '#2a9d4b'],
];
let stream = null;
let current = null;
let chart = null;

const section = document.createElement('section');
section.className = 'card wide';
section.setAttribute('aria-labelledby', 'curve-title');
section.innerHTML = `
    <h2 id="curve-title">Learning curve: accuracy by amount of training data</h2>
    <form id="curve-form" data-testid="curve-form" novalidate>
        <p class="note">Trains the training form's request once per size (and seed), each on the first examples
            of the training set, and measures it after its last epoch.</p>
        <div class="fields">
            <label>Sizes <input name="sizes" value="100, 1000, 10000" data-testid="curve-sizes"></label>
            <label>Epochs per size <select name="epochsPerSize">
                <option value="fixed">the form's epochs at every size</option>
                <option value="sameExamples">as many examples as the largest size sees</option></select></label>
            <label>Seeds per size <input name="seeds" type="number" min="1" max="10" value="1"></label>
            <label class="check"><input name="scaleL2" type="checkbox"> L2 λ is the largest size's, scaled with size</label>
        </div>
        <button type="submit" data-testid="start-curve">Start learning curve</button>
        <p class="problem" id="curve-problem" role="alert" hidden></p>
    </form>
    <div id="curve-panel" hidden>
        <p id="curve-facts" aria-live="polite" data-testid="curve-facts"></p>
        <p id="curve-diagnosis" class="diagnosis" data-testid="curve-diagnosis"></p>
        <button type="button" id="curve-cancel">Cancel learning curve</button>
        <div class="chart-box"><canvas id="curve-chart" data-testid="curve-chart" data-points="0" role="img"
            aria-label="Training, validation and test accuracy against training set size, log scale"></canvas></div>
        <table id="curve-points" class="trials" data-testid="curve-points"></table>
    </div>`;
const sweepCard = document.querySelector('#sweep-title').closest('section');
sweepCard.after(section);

function curveRequest() {
    const form = $('#curve-form');
    const base = trainingRequest($('#job-form'));
    delete base.name;
    delete base.trainLimit;
    return {
        name: `learning curve ${base.layers.join('-')}`,
        base,
        sizes: form.elements.sizes.value.split(/[\s,]+/).filter(Boolean).map(Number),
        epochsPerSize: form.elements.epochsPerSize.value,
        scaleL2: form.elements.scaleL2.checked,
        seeds: Number(form.elements.seeds.value || 1),
    };
}

$('#curve-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showProblem($('#curve-problem'), null);
    try {
        follow(await postJson('/api/v1/learning-curves', curveRequest()));
    } catch (error) {
        showProblem($('#curve-problem'), error);
    }
});

$('#curve-cancel').addEventListener('click', async () => {
    try {
        await api(`/api/v1/learning-curves/${current.id}/cancel`, {method: 'POST'});
    } catch (error) {
        showProblem($('#curve-problem'), error);
    }
});

function follow(curve) {
    if (stream) {
        stream.close();
    }
    show(curve);
    stream = new EventSource(`/api/v1/learning-curves/${curve.id}/events`);
    const source = stream;
    source.addEventListener('curve', (event) => {
        const next = JSON.parse(event.data);
        show(next);
        if (FINISHED.includes(next.status)) {
            source.close();
        }
    });
    source.onerror = () => source.close();
}

function show(curve) {
    current = curve;
    $('#curve-panel').hidden = false;
    const done = curve.points.filter((p) => FINISHED.includes(p.status)).length;
    $('#curve-facts').textContent = `${curve.status} · ${done} of ${curve.points.length} points done`
        + (curve.error ? ` · ${curve.error}` : '');
    $('#curve-diagnosis').textContent = curve.diagnosis || '';
    $('#curve-cancel').disabled = FINISHED.includes(curve.status);
    drawTable(curve);
    drawChart(curve);
}

function drawTable(curve) {
    const cells = (tag, values) => values.map((value) => {
        const cell = document.createElement(tag);
        cell.textContent = value;
        return cell;
    });
    const header = document.createElement('tr');
    header.append(...cells('th', ['size', 'seed', 'epochs', 'training', 'validation', 'test', 'status']));
    const rows = curve.points.map((p) => {
        const row = document.createElement('tr');
        row.dataset.status = p.status;
        row.append(...cells('td', [p.size.toLocaleString('en'), p.seed, p.epochs.toLocaleString('en'),
            percent(p.trainAccuracy), percent(p.validationAccuracy), percent(p.testAccuracy), p.status]));
        return row;
    });
    $('#curve-points').replaceChildren(header, ...rows);
}

/** Each seed's point, and a line through the median over seeds at each size. */
function drawChart(curve) {
    const canvas = $('#curve-chart');
    const measured = curve.points.filter((p) => p.validationAccuracy != null);
    canvas.dataset.points = String(measured.length);
    if (!window.Chart) {
        return;
    }
    const sizes = [...new Set(measured.map((p) => p.size))].sort((a, b) => a - b);
    const datasets = [];
    for (const [field, label, colour] of SERIES) {
        const median = sizes.map((size) => ({x: size, y: middle(measured.filter((p) => p.size === size).map((p) => p[field]))}));
        datasets.push({type: 'line', label, data: median.filter((d) => d.y != null), borderColor: colour,
            backgroundColor: colour, pointRadius: 0, tension: 0});
        datasets.push({type: 'scatter', label: `${label} (each seed)`, data: measured.filter((p) => p[field] != null)
            .map((p) => ({x: p.size, y: p[field]})), backgroundColor: colour, pointRadius: 3});
    }
    if (chart) {
        chart.destroy();
    }
    chart = new window.Chart(canvas, {
        data: {datasets},
        options: {
            animation: false, responsive: true, maintainAspectRatio: false,
            plugins: {legend: {labels: {filter: (item) => !item.text.includes('each seed')}}},
            scales: {
                x: {type: 'logarithmic', title: {display: true, text: 'training examples (log scale)'}},
                y: {title: {display: true, text: 'accuracy'}},
            },
        },
    });
}

function middle(values) {
    const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
    if (!sorted.length) {
        return null;
    }
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}
