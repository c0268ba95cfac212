// Looking inside the opened model: its first layer's receptive fields, its test digits projected by the
// last hidden layer, and the mistakes it was surest of, as pictures.
import {$, postJson} from './api.js';

const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
let model = null;
let chart = null;

document.addEventListener('model-opened', (event) => {
    model = event.detail;
    const hasHidden = model.layers.length > 2;
    $('#receptive-fields').src = `/api/v1/models/${encodeURIComponent(model.id)}/receptive-fields.png?zoom=2`;
    $('#project').hidden = !hasHidden;
    $('#projection').dataset.points = '0';
    $('#hardest').replaceChildren();
    if (chart) {
        chart.destroy();
        chart = null;
    }
});

document.addEventListener('model-evaluated', (event) => {
    const {model: evaluated, evaluation} = event.detail;
    $('#hardest').replaceChildren(...evaluation.hardestExamples.map((example) => {
        const figure = document.createElement('figure');
        const image = document.createElement('img');
        image.src = `/api/v1/datasets/${encodeURIComponent(evaluation.dataset || evaluated.dataset)}/test/${example.index}.png`;
        image.alt = `test digit ${example.index}: a ${example.label} taken for a ${example.predicted}`;
        const caption = document.createElement('figcaption');
        caption.textContent = `${example.label} → ${example.predicted}`;
        figure.append(image, caption);
        return figure;
    }));
});

$('#project').addEventListener('click', async () => {
    const canvas = $('#projection');
    try {
        const projection = await postJson(`/api/v1/models/${encodeURIComponent(model.id)}/projection`,
            {dataset: model.dataset, split: 'test', count: 2000});
        canvas.dataset.points = String(projection.points.length);
        if (!window.Chart) {
            return;
        }
        // One series a digit; the model's mistakes drawn as crosses.
        const datasets = COLOURS.map((colour, digit) => ({
            label: String(digit),
            data: projection.points.filter((p) => p.label === digit).map((p) => ({x: p.x, y: p.y, wrong: p.predicted !== p.label})),
            backgroundColor: colour, borderColor: colour,
            pointStyle: (context) => (context.raw && context.raw.wrong ? 'crossRot' : 'circle'),
            pointRadius: (context) => (context.raw && context.raw.wrong ? 5 : 2),
        }));
        if (chart) {
            chart.destroy();
        }
        const [first, second] = projection.explainedVariance.map((v) => `${(v * 100).toFixed(1)}%`);
        chart = new window.Chart(canvas, {
            type: 'scatter',
            data: {datasets},
            options: {
                animation: false, responsive: true, maintainAspectRatio: false,
                scales: {x: {title: {display: true, text: `component 1 (${first} of the variance)`}},
                    y: {title: {display: true, text: `component 2 (${second})`}}},
            },
        });
    } catch (error) {
        canvas.dataset.points = '0';
        $('#evaluation-facts').textContent = error.message;
    }
});
