// The sweep request built from fields: the parameters to vary with their ranges, the strategy, the
// budget and early stopping, over the training form's request. Every change writes the request into the
// JSON box, which stays below as an advanced option (edits there are sent as they are).
import {$} from './api.js';
import {trainingRequest} from './form.js';

const PARAMETERS = ['learningRate', 'batchSize', 'l2', 'dropout', 'momentum', 'layers[1]', 'epochs', 'init',
    'hiddenActivation', 'optimizer'];
const KINDS = ['logUniform', 'uniform', 'intUniform', 'choice'];

const form = $('#sweep-form');
const box = $('#sweep-request').closest('label');
const fields = document.createElement('div');
fields.id = 'sweep-fields';
fields.innerHTML = `
    <table class="trials" data-testid="sweep-parameters"><thead><tr><th>vary</th><th>field</th><th>search space</th>
        <th>values (choice) or low, high</th></tr></thead><tbody></tbody></table>
    <button type="button" id="sweep-add-parameter">Add a parameter</button>
    <div class="fields">
        <label>Strategy <select name="strategy"><option>random</option><option>grid</option><option>tpe</option></select></label>
        <label>Trials <input name="trials" type="number" min="1" value="8"></label>
        <label>In parallel <input name="parallel" type="number" min="1" value="2"></label>
        <label>Epochs per trial <input name="epochs" type="number" min="1" value="6"></label>
        <label>Objective <select name="metric"><option>validationAccuracy</option><option>validationLoss</option></select></label>
        <label>Early stopping <select name="stopping"><option>asha</option><option>median</option><option>none</option></select></label>
        <label>Minimum epochs <input name="minEpochs" type="number" min="1" value="1"></label>
        <label>Reduction factor (ASHA) <input name="reductionFactor" type="number" min="2" value="3"></label>
        <label>Seed <input name="sweepSeed" type="number" value="1"></label>
    </div>`;
const advanced = document.createElement('details');
advanced.className = 'more';
advanced.innerHTML = '<summary>Advanced: the request as JSON</summary>';
box.before(fields);
box.before(advanced);
advanced.append(box);

function addRow(name, kind, values, vary = true) {
    const row = document.createElement('tr');
    row.innerHTML = `<td><input type="checkbox" aria-label="vary"></td><td><select aria-label="field"></select></td>
        <td><select aria-label="search space"></select></td><td><input aria-label="values" size="18"></td>`;
    const [check, field, space, text] = row.querySelectorAll('input, select');
    check.checked = vary;
    field.append(...PARAMETERS.map((p) => new Option(p, p)));
    field.value = name;
    space.append(...KINDS.map((k) => new Option(k, k)));
    space.value = kind;
    text.value = values;
    fields.querySelector('tbody').append(row);
}

/** One search space from its row: "a, b" is a range, or the listed values of a choice. */
function space(kind, text) {
    const values = text.split(/\s*,\s*(?![^[]*])/).filter(Boolean).map((v) => {
        try {
            return JSON.parse(v);
        } catch {
            return v;
        }
    });
    return {[kind]: values};
}

export function sweepRequest() {
    const value = (name) => fields.querySelector(`[name="${name}"]`).value;
    const base = trainingRequest($('#job-form'));
    delete base.name;
    const parameters = {};
    for (const row of fields.querySelectorAll('tbody tr')) {
        const [check, field, kind, text] = row.querySelectorAll('input, select');
        if (check.checked) {
            parameters[field.value] = space(kind.value, text.value);
        }
    }
    const stopping = value('stopping');
    return {
        name: `sweep ${base.layers.join('-')}`,
        base: {...base, epochs: Number(value('epochs')), validationSize: base.validationSize || 10000},
        parameters,
        strategy: value('strategy'), trials: Number(value('trials')), parallel: Number(value('parallel')),
        objective: {metric: value('metric')},
        earlyStopping: stopping === 'none' ? {type: 'none'}
            : {type: stopping, minEpochs: Number(value('minEpochs')), reductionFactor: Number(value('reductionFactor'))},
        seed: Number(value('sweepSeed')),
    };
}

function write() {
    $('#sweep-request').value = JSON.stringify(sweepRequest(), null, 2);
}

addRow('learningRate', 'logUniform', '0.3, 10');
addRow('batchSize', 'choice', '10, 20, 50');
addRow('l2', 'uniform', '0, 5', false);
$('#sweep-add-parameter').addEventListener('click', () => {
    addRow('dropout', 'uniform', '0, 0.5');
    write();
});
fields.addEventListener('input', write);
fields.addEventListener('change', write);
$('#job-form').addEventListener('change', write);
write();
