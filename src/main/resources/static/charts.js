// The watched job's curves, each on a chart of its own so that none flattens another: accuracy zoomed to
// its data, losses on a log scale (they fall by orders of magnitude), and the train–validation gap.
import {$} from './api.js';

const SERIES = {
    accuracy: [['train', 'trainAccuracy', '#2f6fdb'], ['test', 'testAccuracy', '#1a9850'],
        ['validation', 'validationAccuracy', '#984ea3']],
    loss: [['train', 'trainLoss', '#2f6fdb'], ['test', 'testLoss', '#1a9850'], ['validation', 'validationLoss', '#984ea3']],
    gap: [['train − validation accuracy', null, '#d95f02']],
};

let charts = {};

function lineChart(canvas, series, yScale) {
    return new window.Chart(canvas, {
        type: 'line',
        data: {
            labels: [],
            datasets: series.map(([label, , color]) => ({
                label, borderColor: color, backgroundColor: color, data: [], spanGaps: true, pointRadius: 2,
                tension: 0.2, hidden: label.startsWith('validation'),
            })),
        },
        options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            interaction: {mode: 'index', intersect: false},
            plugins: {legend: {labels: {filter: (item, data) => !data.datasets[item.datasetIndex].hidden}}},
            scales: {x: {title: {display: true, text: 'epoch'}}, y: yScale},
        },
    });
}

/** Empties the charts for a new job. */
export function resetCharts() {
    Object.values(charts).forEach((chart) => chart.destroy());
    charts = {};
    $('#metrics-chart').dataset.epochs = '0';
    $('#gap-box').hidden = true;
    if (!window.Chart) {
        return;
    }
    charts.accuracy = lineChart($('#metrics-chart'), SERIES.accuracy,
        {grace: '5%', title: {display: true, text: 'accuracy'}});
    charts.loss = lineChart($('#loss-chart'), SERIES.loss, {type: 'logarithmic', title: {display: true, text: 'loss (log)'}});
    charts.gap = lineChart($('#gap-chart'), SERIES.gap, {grace: '10%', title: {display: true, text: 'accuracy gap'}});
}

/** Adds an epoch once, whether it comes from the job's record or from its event stream. */
export function addEpochToCharts(epoch) {
    const canvas = $('#metrics-chart');
    if (epoch.epoch <= Number(canvas.dataset.epochs)) {
        return false;
    }
    const gap = epoch.validationAccuracy == null ? null : epoch.trainAccuracy - epoch.validationAccuracy;
    if (charts.accuracy) {
        for (const name of ['accuracy', 'loss', 'gap']) {
            const chart = charts[name];
            chart.data.labels.push(epoch.epoch);
            SERIES[name].forEach(([, field], k) => {
                const value = field ? epoch[field] : gap;
                chart.data.datasets[k].data.push(value);
                if (value != null) {
                    chart.data.datasets[k].hidden = false; // validation appears only with validation data
                }
            });
            chart.update();
        }
    }
    if (gap != null) {
        $('#gap-box').hidden = false;
    }
    canvas.dataset.epochs = String(epoch.epoch);
    return true;
}
