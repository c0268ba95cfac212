// Backprop's page: start a job, watch it learn over server-sent events, draw a digit, browse jobs and models.
import {$, api, modelLabel, number, percent, postJson, showProblem} from './api.js';
import {FAST, SEED, applyPreset, loadChoices, trainingRequest} from './form.js';
import {addEpochToCharts, resetCharts} from './charts.js';
import {addJobLayers, addLayerEpoch, resetLayers} from './layers.js';

// ---- Training form ------------------------------------------------------------------------------------

async function loadDatasets() {
    const select = $('#dataset');
    const datasets = await api('/api/v1/datasets');
    select.replaceChildren(...datasets.map((dataset) => {
        const option = new Option(`${dataset.id}${dataset.available ? '' : ' (not available)'}`, dataset.id);
        option.disabled = !dataset.available;
        return option;
    }));
}

$('#preset-fast').addEventListener('click', () => applyPreset($('#job-form'), FAST));
$('#preset-seed').addEventListener('click', () => applyPreset($('#job-form'), SEED));

$('#job-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showProblem($('#job-problem'), null);
    try {
        const job = await postJson('/api/v1/jobs', trainingRequest(event.target));
        watch(job);
        refreshLists();
    } catch (error) {
        showProblem($('#job-problem'), error);
    }
});

// ---- The watched job: progress bar, facts, chart ------------------------------------------------------

let stream = null;
let watched = null;

function addEpoch(epoch) {
    if (!addEpochToCharts(epoch)) {
        return;
    }
    addLayerEpoch(epoch.epoch, epoch.layers);
    watched.lastEpoch = epoch;
    showFacts();
}

function setProgress(progress) {
    const value = Math.round(progress * 100);
    const bar = $('#job-progress');
    bar.setAttribute('aria-valuenow', String(value));
    bar.setAttribute('aria-valuetext', `${value}%`);
    bar.firstElementChild.style.width = `${value}%`;
}

function showFacts() {
    const job = watched.job;
    const parts = [`${job.status}`];
    if (job.currentEpoch) {
        parts.push(`epoch ${job.currentEpoch} of ${job.request.epochs}`);
    }
    if (job.etaSeconds != null && job.status === 'RUNNING') {
        parts.push(`ETA ${job.etaSeconds.toFixed(1)} s`);
    }
    const last = watched.lastEpoch;
    if (last) {
        parts.push(`${number(last.examplesPerSecond)} examples/s`, `test accuracy ${percent(last.testAccuracy)}`);
        if (last.learningRate != null) {
            parts.push(`η ${Number(last.learningRate.toPrecision(3))}`);
        }
    }
    $('#job-facts').textContent = parts.join(' · ');
    $('#job-diagnosis').textContent = job.diagnosis || '';
}

function showJob(job) {
    watched.job = job;
    $('#job-title').textContent = `Job: ${job.name || job.id}`;
    setProgress(job.progress);
    showFacts();
    $('#cancel-job').disabled = job.status === 'SUCCEEDED' || job.status === 'FAILED' || job.status === 'CANCELLED';
    showProblem($('#job-error'), job.error ? new Error(job.error) : null);
}

function watch(job) {
    if (stream) {
        stream.close();
    }
    watched = {job, lastEpoch: null};
    resetCharts();
    resetLayers();
    showJob(job);
    // A finished job opens with its charts drawn from its record; the stream adds what comes after.
    api(`/api/v1/jobs/${job.id}`).then((record) => {
        if (watched.job.id === record.id) {
            record.epochs.forEach(addEpoch);
            addJobLayers(record);
        }
    }).catch(() => {});
    stream = new EventSource(`/api/v1/jobs/${job.id}/events`);
    const source = stream;
    source.addEventListener('epoch', (event) => addEpoch(JSON.parse(event.data)));
    source.addEventListener('progress', (event) => {
        const progress = JSON.parse(event.data);
        watched.job = {...watched.job, progress: progress.progress, currentEpoch: progress.epoch};
        setProgress(progress.progress);
        showFacts();
    });
    source.addEventListener('status', async (event) => {
        const current = JSON.parse(event.data);
        showJob(current);
        addJobLayers(current);
        if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(current.status)) {
            source.close(); // before the server ends the stream, so the browser does not reconnect
            await refreshLists(current.modelId);
        }
    });
    source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) {
            return;
        }
        source.close();
    };
}

$('#cancel-job').addEventListener('click', async () => {
    try {
        showJob(await api(`/api/v1/jobs/${watched.job.id}/cancel`, {method: 'POST'}));
    } catch (error) {
        showProblem($('#job-error'), error);
    }
});

// ---- Jobs and models ----------------------------------------------------------------------------------

let models = [];

function listItem(label, detail, onOpen) {
    const button = document.createElement('button');
    button.type = 'button';
    const name = document.createElement('span');
    name.textContent = label;
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = detail;
    button.append(name, status);
    button.addEventListener('click', onOpen);
    const item = document.createElement('li');
    item.append(button);
    return item;
}

async function refreshLists(selectModel) {
    try {
        const [jobs, modelList] = await Promise.all([api('/api/v1/jobs'), api('/api/v1/models')]);
        models = modelList;
        $('#jobs').replaceChildren(...jobs.map((job) => listItem(job.name || job.id,
            `${job.status} · ${new Date(job.createdAt).toLocaleTimeString()}`, () => watch(job))));
        $('#models').replaceChildren(...models.map((model) => listItem(modelLabel(model),
            `test ${percent(model.metrics && model.metrics.testAccuracy)}`, () => openModel(model))));
        const select = $('#draw-model');
        const keep = selectModel || select.value;
        select.replaceChildren(...models.map((model) => new Option(
            `${modelLabel(model)} (${percent(model.metrics && model.metrics.testAccuracy)})`, model.id)));
        if (keep && models.some((model) => model.id === keep)) {
            select.value = keep;
        }
    } catch (error) {
        showProblem($('#job-problem'), error);
    }
}

let openedModel = null;

function openModel(model) {
    openedModel = model;
    $('#model-detail').hidden = false;
    $('#model-title').textContent = modelLabel(model);
    $('#model-facts').textContent = `${model.layers.join('-')} · ${model.hiddenActivation}/${model.outputActivation} · `
        + `${model.loss} · ${number(model.parameterCount)} parameters · ${model.dataset} · `
        + `test accuracy ${percent(model.metrics && model.metrics.testAccuracy)} · ${new Date(model.createdAt).toLocaleString()}`;
    $('#evaluation-facts').textContent = '';
    $('#confusion').hidden = true;
    document.dispatchEvent(new CustomEvent('model-opened', {detail: model}));
    for (const format of ['onnx', 'network2', 'backprop']) {
        $(`#export-${format}`).href = `/api/v1/models/${encodeURIComponent(model.id)}/export?format=${format}`;
    }
    // network2.py knows sigmoid layers only; the service answers 409 for anything else.
    const sigmoid = model.hiddenActivation === 'sigmoid' && model.outputActivation === 'sigmoid' && !model.batchNorm;
    $('#export-network2').hidden = !sigmoid;
}

$('#import-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = new FormData(event.target);
    try {
        const model = await api('/api/v1/models', {method: 'POST', body});
        showProblem($('#import-problem'), null);
        event.target.reset();
        await refreshLists(model.id);
        openModel(model);
    } catch (error) {
        showProblem($('#import-problem'), error);
    }
});

$('#evaluate').addEventListener('click', async () => {
    const facts = $('#evaluation-facts');
    facts.textContent = 'Evaluating…';
    try {
        const evaluation = await postJson(`/api/v1/models/${openedModel.id}/evaluate`, {dataset: openedModel.dataset, split: 'test'});
        facts.textContent = `accuracy ${percent(evaluation.accuracy)} · mean loss ${evaluation.meanLoss.toFixed(4)} · `
            + `${number(evaluation.count || 0)} examples`;
        drawConfusion(evaluation.confusionMatrix);
        document.dispatchEvent(new CustomEvent('model-evaluated', {detail: {model: openedModel, evaluation}}));
    } catch (error) {
        facts.textContent = error.message;
    }
});

function drawConfusion(matrix) {
    const table = $('#confusion');
    const max = Math.max(...matrix.flat());
    const header = document.createElement('tr');
    header.append(document.createElement('th'));
    matrix.forEach((_, column) => {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = column;
        header.append(th);
    });
    const rows = matrix.map((counts, row) => {
        const tr = document.createElement('tr');
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = row;
        tr.append(th);
        counts.forEach((count) => {
            const td = document.createElement('td');
            td.textContent = count;
            const strength = max ? Math.sqrt(count / max) : 0;
            td.style.background = `rgba(47, 111, 219, ${strength.toFixed(3)})`;
            td.style.color = strength > 0.55 ? '#fff' : 'inherit';
            tr.append(td);
        });
        return tr;
    });
    const caption = document.createElement('caption');
    caption.textContent = 'rows: true digit · columns: predicted';
    table.replaceChildren(caption, header, ...rows);
    table.hidden = false;
}

// ---- Drawing ------------------------------------------------------------------------------------------

const canvas = $('#digit-canvas');
const pen = canvas.getContext('2d');

function clearCanvas() {
    pen.fillStyle = '#fff';
    pen.fillRect(0, 0, canvas.width, canvas.height);
    $('#prediction').textContent = '';
    $('#probabilities').replaceChildren();
    $('#seen-figure').hidden = true;
    showProblem($('#draw-problem'), null);
    document.dispatchEvent(new Event('digit-cleared'));
}

function point(event) {
    const box = canvas.getBoundingClientRect();
    return [(event.clientX - box.left) * canvas.width / box.width, (event.clientY - box.top) * canvas.height / box.height];
}

let drawing = false;
canvas.addEventListener('pointerdown', (event) => {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    pen.lineWidth = 18;
    pen.lineCap = 'round';
    pen.lineJoin = 'round';
    pen.strokeStyle = '#000';
    pen.beginPath();
    pen.moveTo(...point(event));
    pen.lineTo(...point(event));
    pen.stroke();
});
canvas.addEventListener('pointermove', (event) => {
    if (drawing) {
        pen.lineTo(...point(event));
        pen.stroke();
    }
});
['pointerup', 'pointercancel'].forEach((type) => canvas.addEventListener(type, () => {
    drawing = false;
}));

$('#clear').addEventListener('click', clearCanvas);

$('#predict').addEventListener('click', async () => {
    showProblem($('#draw-problem'), null);
    const model = $('#draw-model').value;
    if (!model) {
        showProblem($('#draw-problem'), new Error('Train a model first.'));
        return;
    }
    try {
        const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
        const form = new FormData();
        form.append('file', blob, 'digit.png');
        const answer = await api(`/api/v1/models/${model}/predict`, {method: 'POST', body: form});
        showPrediction(answer);
    } catch (error) {
        $('#prediction').textContent = '';
        showProblem($('#draw-problem'), error);
    }
});

function showPrediction(answer) {
    document.dispatchEvent(new CustomEvent('digit-predicted', {detail: answer}));
    $('#prediction').textContent = `${answer.label} (${percent(answer.confidence)} sure)`;
    $('#probabilities').replaceChildren(...answer.probabilities.map((probability, digit) => {
        const bar = document.createElement('div');
        bar.className = 'bar';
        bar.style.height = `${Math.max(1, probability * 100)}%`;
        bar.title = `${digit}: ${percent(probability)}`;
        const label = document.createElement('span');
        label.textContent = digit;
        bar.append(label);
        return bar;
    }));
    const seen = answer.input;
    $('#seen-figure').hidden = !seen;
    if (seen) {
        const image = $('#seen').getContext('2d').createImageData(28, 28);
        seen.flat().forEach((value, k) => {
            image.data.set([value, value, value, 255], k * 4);
        });
        $('#seen').getContext('2d').putImageData(image, 0, 0);
    }
}

// A sweep's best model, asked for by the sweep panel, goes to the drawing canvas.
document.addEventListener('select-model', async (event) => {
    await refreshLists(event.detail);
    $('#draw-model').value = event.detail;
    $('#digit-canvas').scrollIntoView({behavior: 'smooth', block: 'center'});
});

// ---- Start --------------------------------------------------------------------------------------------

clearCanvas();
loadDatasets().catch((error) => showProblem($('#job-problem'), error));
loadChoices($('#job-form')).catch((error) => showProblem($('#job-problem'), error));
refreshLists();
