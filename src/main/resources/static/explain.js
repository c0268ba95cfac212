// Why this digit: after a prediction, the heat map of the drawn digit's explanation (red pixels speak for
// the class explained, blue against it), by the method and for the class chosen; "what would make it a …?"
// explains another class. The hardest examples of an evaluation get theirs too.
import {$} from './api.js';

const METHODS = [['integrated_gradients', 'integrated gradients'], ['saliency', 'saliency'], ['occlusion', 'occlusion 4×4']];
let predicted = null;

/** POSTs a body to /explain asking for the heat map; answers an object URL of the PNG. */
async function heatMap(model, body, headers = {}) {
    const key = $('#api-key').value;
    const response = await fetch(`/api/v1/models/${encodeURIComponent(model)}/explain`, {
        method: 'POST', body, headers: {...headers, Accept: 'image/png', ...(key ? {'X-API-Key': key} : {})},
    });
    if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        const errors = problem.errors || [];
        throw new Error(errors.length ? errors.map((e) => `${e.field}: ${e.message}`).join('\n') : problem.detail || response.statusText);
    }
    return URL.createObjectURL(await response.blob());
}

function select(id, label, options) {
    const element = document.createElement('select');
    element.id = id;
    element.dataset.testid = id;
    options.forEach(([value, text]) => element.append(new Option(text, value)));
    const wrapper = document.createElement('label');
    wrapper.append(`${label} `, element);
    return wrapper;
}

const digits = (first) => [[first[0], first[1]], ...Array.from({length: 10}, (_, d) => [String(d), String(d)])];

function panel() {
    let box = $('#explanation');
    if (box.childElementCount) {
        return box;
    }
    const figure = document.createElement('figure');
    const image = document.createElement('img');
    image.id = 'heat-map';
    image.dataset.testid = 'heat-map';
    image.width = 140;
    image.height = 140;
    image.alt = 'The input the model saw, red where pixels speak for the class explained, blue against';
    const caption = document.createElement('figcaption');
    caption.id = 'heat-map-caption';
    figure.append(image, caption);
    box.append(
        select('explain-method', 'Method', METHODS),
        select('explain-target', 'Class', digits(['', 'the predicted one'])),
        select('explain-what-if', 'What would make it a …?', digits(['', 'choose'])),
        figure);
    $('#explain-what-if').addEventListener('change', (event) => {
        if (event.target.value !== '') {
            $('#explain-target').value = event.target.value;
            explainDrawing();
        }
    });
    ['#explain-method', '#explain-target'].forEach((id) => $(id).addEventListener('change', explainDrawing));
    return box;
}

async function explainDrawing() {
    const model = $('#draw-model').value;
    panel().hidden = false;
    const method = $('#explain-method').value;
    const target = $('#explain-target').value;
    const form = new FormData();
    form.append('file', await new Promise((resolve) => $('#digit-canvas').toBlob(resolve, 'image/png')), 'digit.png');
    form.append('method', method);
    if (target !== '') {
        form.append('target', target);
    }
    const caption = $('#heat-map-caption');
    try {
        const previous = $('#heat-map').src;
        $('#heat-map').src = await heatMap(model, form);
        if (previous.startsWith('blob:')) {
            URL.revokeObjectURL(previous); // each explanation's PNG is held until released
        }
        const explained = target === '' ? predicted : target;
        caption.textContent = target !== '' && target !== String(predicted)
            ? `what would make it a ${explained}: red pixels speak for it, blue against`
            : `why ${explained}: red pixels speak for it, blue against (${method.replace('_', ' ')})`;
    } catch (error) {
        caption.textContent = error.message;
    }
}

$('#explain').addEventListener('click', explainDrawing);

document.addEventListener('digit-predicted', (event) => {
    predicted = event.detail.label;
    $('#explain').disabled = false;
});

document.addEventListener('digit-cleared', () => {
    $('#explain').disabled = true;
    $('#explanation').hidden = true;
});

/** A 28×28 greyscale PNG's pixels, 0–255, read back through a canvas. */
async function pixelsOf(source) {
    const image = new Image();
    image.src = source;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 28;
    canvas.height = 28;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, 28, 28).data;
    return Array.from({length: 784}, (_, k) => data[k * 4]);
}

// Each of the hardest examples explained for the class the model took it for, once insight.js has drawn them.
document.addEventListener('model-evaluated', (event) => setTimeout(async () => {
    const {model, evaluation} = event.detail;
    const figures = [...document.querySelectorAll('#hardest figure')];
    for (const [k, example] of evaluation.hardestExamples.entries()) {
        const figure = figures[k];
        if (!figure) {
            return;
        }
        try {
            const pixels = await pixelsOf(figure.querySelector('img').src);
            const why = document.createElement('img');
            why.className = 'explanation';
            why.width = 56;
            why.height = 56;
            why.alt = `why the model took it for a ${example.predicted}: red for, blue against`;
            why.src = await heatMap(model.id, JSON.stringify({pixels, target: example.predicted}),
                {'Content-Type': 'application/json'});
            figure.insertBefore(why, figure.querySelector('figcaption'));
        } catch (error) {
            figure.title = error.message;
        }
    }
}));
