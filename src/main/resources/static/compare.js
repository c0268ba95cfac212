// Runs side by side: pick two to six jobs, overlay any per-epoch metric they report, and list the
// request fields in which they differ. The metrics offered are read from the jobs' epochs, so whatever
// the service adds to an epoch (per-layer diagnostics, say) can be picked without a change here.
import {$, api, showProblem} from './api.js';

const MAX = 6;
const COLOURS = ['#2f6fdb', '#e07b00', '#2a9d4b', '#c0392b', '#8e44ad', '#6d6d6d'];
let jobs = [];
let chart = null;

const section = document.createElement('section');
section.className = 'card wide';
section.id = 'compare';
section.setAttribute('aria-labelledby', 'compare-title');
section.innerHTML = `
    <h2 id="compare-title">Runs side by side</h2>
    <p class="note">Pick two to six jobs to overlay their curves.</p>
    <ul id="compare-choices" class="list choices" data-testid="compare-choices"></ul>
    <div class="buttons">
        <button type="button" id="compare-refresh">Refresh the jobs</button>
        <button type="button" id="compare-go" data-testid="compare-go" disabled>Compare</button>
    </div>
    <p class="problem" id="compare-problem" role="alert" hidden></p>
    <div id="compare-panel" hidden>
        <div class="fields">
            <label>Metric <select id="compare-metric" data-testid="compare-metric"></select></label>
            <label class="check"><input id="compare-log" type="checkbox"> log scale</label>
        </div>
        <div class="chart-box"><canvas id="compare-chart" data-testid="compare-chart" data-series="0" role="img"
            aria-label="The chosen metric by epoch, one line per job"></canvas></div>
        <table id="compare-differences" class="trials" data-testid="compare-differences"></table>
    </div>`;
document.querySelector('main').append(section);

async function refreshChoices(checked = []) {
    try {
        const list = await api('/api/v1/jobs');
        $('#compare-choices').replaceChildren(...list.slice(0, 50).map((job) => {
            const item = document.createElement('li');
            const label = document.createElement('label');
            label.className = 'check';
            const box = document.createElement('input');
            box.type = 'checkbox';
            box.value = job.id;
            box.checked = checked.includes(job.id);
            label.append(box, ` ${job.name || job.id} · ${job.status}`);
            item.append(label);
            return item;
        }));
        updateButton();
    } catch (error) {
        showProblem($('#compare-problem'), error);
    }
}

const picked = () => [...document.querySelectorAll('#compare-choices input:checked')].map((box) => box.value);

function updateButton() {
    const count = picked().length;
    $('#compare-go').disabled = count < 2 || count > MAX;
    $('#compare-go').textContent = count > MAX ? `Compare (at most ${MAX})` : 'Compare';
}

$('#compare-choices').addEventListener('change', updateButton);
$('#compare-refresh').addEventListener('click', () => refreshChoices(picked()));
$('#compare-go').addEventListener('click', () => compare(picked()));
$('#compare-metric').addEventListener('change', draw);
$('#compare-log').addEventListener('change', draw);

/** Other panels (the sweep's trials) send jobs here; so does a link to #compare=id,id,… */
document.addEventListener('compare-jobs', (event) => {
    refreshChoices(event.detail);
    compare(event.detail);
    section.scrollIntoView();
});

export async function compare(ids) {
    showProblem($('#compare-problem'), null);
    try {
        jobs = await Promise.all(ids.slice(0, MAX).map((id) => api(`/api/v1/jobs/${id}`)));
    } catch (error) {
        showProblem($('#compare-problem'), error);
        return;
    }
    const select = $('#compare-metric');
    const keep = select.value;
    const metrics = metricNames(jobs);
    select.replaceChildren(...metrics.map((name) => new Option(name, name)));
    select.value = metrics.includes(keep) ? keep : (metrics.includes('validationAccuracy') && jobs.some(hasValidation)
        ? 'validationAccuracy' : metrics.includes('testAccuracy') ? 'testAccuracy' : metrics[0] || '');
    $('#compare-panel').hidden = false;
    draw();
    drawDifferences();
}

const hasValidation = (job) => job.epochs.some((e) => e.validationAccuracy != null);

/** Every numeric leaf of the epochs' metrics, by path: `testAccuracy`, `layers[0].gradientNorm`, … */
export function metricNames(list) {
    const names = new Set();
    for (const job of list) {
        for (const epoch of job.epochs) {
            leaves(epoch, '', names);
        }
    }
    names.delete('epoch');
    return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const rank = (name) => (name.includes('.') || name.includes('[') ? 1 : 0);

function leaves(value, path, into) {
    if (typeof value === 'number') {
        into.add(path);
    } else if (Array.isArray(value)) {
        // Arrays of numbers (a histogram) are not one curve; arrays of objects (layers) are one per element.
        value.forEach((item, k) => typeof item === 'object' && item !== null && leaves(item, `${path}[${k}]`, into));
    } else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
            leaves(inner, path ? `${path}.${key}` : key, into);
        }
    }
}

function valueAt(epoch, path) {
    return path.split(/\.|(?=\[)/).reduce((value, part) => {
        if (value == null) {
            return null;
        }
        const index = /^\[(\d+)]$/.exec(part);
        return index ? value[Number(index[1])] : value[part];
    }, epoch);
}

function draw() {
    const metric = $('#compare-metric').value;
    const canvas = $('#compare-chart');
    const series = jobs.map((job, k) => ({
        label: job.name || job.id, borderColor: COLOURS[k], backgroundColor: COLOURS[k], pointRadius: 1, tension: 0.1,
        data: job.epochs.map((e) => ({x: e.epoch, y: valueAt(e, metric)})).filter((d) => typeof d.y === 'number'),
    }));
    canvas.dataset.series = String(series.filter((s) => s.data.length).length);
    canvas.dataset.metric = metric;
    if (!window.Chart) {
        return;
    }
    if (chart) {
        chart.destroy();
    }
    chart = new window.Chart(canvas, {
        type: 'line',
        data: {datasets: series},
        options: {
            animation: false, responsive: true, maintainAspectRatio: false,
            scales: {
                x: {type: 'linear', ticks: {precision: 0}, title: {display: true, text: 'epoch'}},
                y: {type: $('#compare-log').checked ? 'logarithmic' : 'linear', title: {display: true, text: metric}},
            },
        },
    });
}

/** The request fields (dotted, as a sweep names them) whose values are not the same in every job. */
export function differences(list) {
    const flat = list.map((job) => flatten(job.request, '', {}));
    const fields = [...new Set(flat.flatMap(Object.keys))].sort();
    return fields.filter((field) => new Set(flat.map((f) => JSON.stringify(f[field]))).size > 1)
        .map((field) => ({field, values: flat.map((f) => f[field])}));
}

function flatten(value, path, into) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, inner] of Object.entries(value)) {
            flatten(inner, path ? `${path}.${key}` : key, into);
        }
    } else if (value != null) {
        into[path] = value;
    }
    return into;
}

const shown = (v) => (v === undefined ? '–'
    : typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(4) : JSON.stringify(v));

function drawDifferences() {
    const rows = differences(jobs).filter((d) => d.field !== 'name');
    const cell = (tag, text, colour) => {
        const element = document.createElement(tag);
        element.textContent = text;
        if (colour) {
            element.style.color = colour;
        }
        return element;
    };
    const header = document.createElement('tr');
    header.append(cell('th', 'field'), ...jobs.map((job, k) => cell('th', job.name || job.id, COLOURS[k])));
    const body = rows.map((d) => {
        const row = document.createElement('tr');
        row.append(cell('td', d.field), ...d.values.map((v) => cell('td', shown(v))));
        return row;
    });
    const none = document.createElement('tr');
    none.append(cell('td', 'the requests differ in no field but their names'));
    $('#compare-differences').replaceChildren(header, ...(body.length ? body : [none]));
}

const linked = /^#compare=(.+)$/.exec(window.location.hash);
refreshChoices(linked ? linked[1].split(',') : []);
if (linked) {
    compare(linked[1].split(','));
}

// The sweep panel links its trials here: the best six by objective (those without one last).
document.addEventListener('sweep-shown', (event) => {
    const sweep = event.detail;
    let button = $('#sweep-compare');
    if (!button) {
        button = document.createElement('button');
        button.type = 'button';
        button.id = 'sweep-compare';
        button.dataset.testid = 'sweep-compare';
        button.textContent = 'Compare the best trials side by side';
        $('#sweep-best').after(button);
        button.addEventListener('click', () => {
            const sign = button.sweep.request.objective.goal === 'minimize' ? -1 : 1;
            const ids = button.sweep.trials.filter((t) => t.jobId)
                .sort((a, b) => (b.objective == null ? -Infinity : sign * b.objective)
                    - (a.objective == null ? -Infinity : sign * a.objective))
                .slice(0, MAX).map((t) => t.jobId);
            document.dispatchEvent(new CustomEvent('compare-jobs', {detail: ids}));
        });
    }
    button.sweep = sweep;
    button.disabled = sweep.trials.filter((t) => t.jobId).length < 2;
});
