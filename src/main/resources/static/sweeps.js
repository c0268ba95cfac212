// The sweep panel: start a hyperparameter sweep, follow its trials as they train and stop, chart them.
import {$, api, percent, postJson, showProblem} from './api.js';
import {trainingRequest} from './form.js';

const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
let stream = null;
let current = null;
let objectiveChart = null;
let curvesChart = null;

/** A sweep over the training form's request, every field of it: learning rate and batch size, stopped by ASHA. */
function defaultSweep() {
    const base = trainingRequest($('#job-form'));
    delete base.name;
    return {
        name: `sweep ${base.layers.join('-')}`,
        base: {...base, epochs: 6, validationSize: base.validationSize || 10000},
        parameters: {learningRate: {logUniform: [base.learningRate / 10, base.learningRate * 3]}, batchSize: {choice: [10, 20, 50]}},
        strategy: 'random', trials: 8, parallel: 2,
        objective: {metric: 'validationAccuracy'},
        earlyStopping: {type: 'asha', minEpochs: 1, reductionFactor: 3},
        seed: 1,
    };
}

$('#sweep-fill').addEventListener('click', () => {
    $('#sweep-request').value = JSON.stringify(defaultSweep(), null, 2);
});

$('#sweep-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showProblem($('#sweep-problem'), null);
    try {
        const request = JSON.parse($('#sweep-request').value || JSON.stringify(defaultSweep()));
        follow(await postJson('/api/v1/sweeps', request));
    } catch (error) {
        showProblem($('#sweep-problem'), error);
    }
});

$('#sweep-cancel').addEventListener('click', async () => {
    try {
        await api(`/api/v1/sweeps/${current.id}/cancel`, {method: 'POST'});
    } catch (error) {
        showProblem($('#sweep-problem'), error);
    }
});

$('#sweep-best').addEventListener('click', () => {
    document.dispatchEvent(new CustomEvent('select-model', {detail: current.best.modelId}));
});

$('#sweep-axis').addEventListener('change', () => current && drawObjective(current));

function follow(sweep) {
    if (stream) {
        stream.close();
    }
    show(sweep);
    stream = new EventSource(`/api/v1/sweeps/${sweep.id}/events`);
    const source = stream;
    source.addEventListener('sweep', (event) => {
        const next = JSON.parse(event.data);
        show(next);
        if (FINISHED.includes(next.status)) {
            source.close();
        }
    });
    source.onerror = () => source.close();
}

function show(sweep) {
    const first = !current || current.id !== sweep.id;
    current = sweep;
    $('#sweep-panel').hidden = false;
    const metric = sweep.request.objective.metric;
    const done = sweep.trials.filter((t) => t.status !== 'RUNNING').length;
    $('#sweep-facts').textContent = `${sweep.status} · ${done} of ${sweep.request.trials} trials done · `
        + `${sweep.epochsTrained} epochs trained, ${sweep.epochsSaved} saved by early stopping`
        + (sweep.best ? ` · best ${metric} ${percent(sweep.best.objective)}, test ${percent(sweep.best.testAccuracy)}` : '');
    $('#sweep-cancel').disabled = FINISHED.includes(sweep.status);
    $('#sweep-best').disabled = !(sweep.best && sweep.best.modelId);
    const names = Object.keys(sweep.request.parameters);
    if (first) {
        $('#sweep-axis').replaceChildren(...names.map((name) => new Option(name, name)));
    }
    drawTable(sweep, names);
    drawObjective(sweep);
    drawCurves(sweep);
    document.dispatchEvent(new CustomEvent('sweep-shown', {detail: sweep}));
}

/** The trials, best objective first; trials without one yet come last. */
function drawTable(sweep, names) {
    const table = $('#sweep-trials');
    const header = document.createElement('tr');
    for (const title of ['#', 'status', sweep.request.objective.metric, ...names, 'stopped at']) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = title;
        header.append(th);
    }
    const sign = sweep.request.objective.goal === 'minimize' ? -1 : 1;
    const rows = [...sweep.trials]
        .sort((a, b) => (b.objective == null ? -Infinity : sign * b.objective) - (a.objective == null ? -Infinity : sign * a.objective))
        .map((trial) => {
            const row = document.createElement('tr');
            row.dataset.status = trial.status;
            const cells = [trial.index + 1, trial.status, trial.objective == null ? '–' : trial.objective.toFixed(4),
                ...names.map((name) => format(trial.parameters[name])), trial.stoppedAtEpoch || ''];
            for (const value of cells) {
                const td = document.createElement('td');
                td.textContent = value;
                row.append(td);
            }
            if (trial.stopReason) {
                row.title = trial.stopReason;
            }
            return row;
        });
    table.replaceChildren(header, ...rows);
    table.hidden = false;
}

const format = (value) => (typeof value === 'number' && !Number.isInteger(value) ? value.toPrecision(3) : JSON.stringify(value));

/** The objective of every trial that has one against the chosen parameter (log scale for a logUniform one). */
function drawObjective(sweep) {
    const canvas = $('#sweep-objective');
    const axis = $('#sweep-axis').value;
    const points = sweep.trials.filter((t) => t.objective != null).map((t) => ({x: t.parameters[axis], y: t.objective, t}));
    canvas.dataset.points = String(points.length);
    if (!window.Chart) {
        return;
    }
    const numeric = points.every((p) => typeof p.x === 'number');
    const log = Boolean(sweep.request.parameters[axis] && sweep.request.parameters[axis].logUniform);
    const data = points.map((p) => ({x: numeric ? p.x : JSON.stringify(p.x), y: p.y}));
    const colours = points.map((p) => (p.t.status === 'STOPPED' ? '#999' : '#2f6fdb'));
    if (objectiveChart) {
        objectiveChart.destroy();
    }
    objectiveChart = new window.Chart(canvas, {
        type: 'scatter',
        data: {datasets: [{label: `${sweep.request.objective.metric} (grey: stopped early)`, data, pointBackgroundColor: colours, pointRadius: 4}]},
        options: {
            animation: false, responsive: true, maintainAspectRatio: false,
            scales: {
                x: numeric ? {type: log ? 'logarithmic' : 'linear', title: {display: true, text: axis}}
                    : {type: 'category', labels: [...new Set(data.map((d) => d.x))], title: {display: true, text: axis}},
                y: {title: {display: true, text: sweep.request.objective.metric}},
            },
        },
    });
}

/** Each trial's objective by epoch: the stopped ones end where early stopping stopped them. */
function drawCurves(sweep) {
    const canvas = $('#sweep-curves');
    canvas.dataset.trials = String(sweep.trials.length);
    if (!window.Chart) {
        return;
    }
    const epochs = Math.max(1, ...sweep.trials.map((t) => t.objectiveByEpoch.length));
    if (curvesChart) {
        curvesChart.destroy();
    }
    curvesChart = new window.Chart(canvas, {
        type: 'line',
        data: {
            labels: Array.from({length: epochs}, (_, k) => k + 1),
            datasets: sweep.trials.map((t) => ({
                label: `trial ${t.index + 1}`, data: t.objectiveByEpoch, pointRadius: 1, tension: 0.2,
                borderColor: t.status === 'STOPPED' ? '#bbb' : '#2f6fdb', borderWidth: t.status === 'STOPPED' ? 1 : 2,
            })),
        },
        options: {
            animation: false, responsive: true, maintainAspectRatio: false,
            plugins: {legend: {display: false}},
            scales: {x: {title: {display: true, text: 'epoch'}}, y: {title: {display: true, text: sweep.request.objective.metric}}},
        },
    });
}
