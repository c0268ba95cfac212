// The training form: its choices from the service's own OpenAPI description, the request it makes, presets.
import {api} from './api.js';

/** The fast preset (docs/augmentation-and-schedules.md, "Presets"): 784-800-10 ReLU/Adam, cosine schedule, light affine distortions. */
export const FAST = {
    layers: '784, 800, 10', hiddenActivation: 'relu', outputActivation: 'softmax', loss: 'cross_entropy',
    optimizer: 'adam', learningRate: 0.001, epochs: 10, batchSize: 128, seed: 1, init: 'he',
    'schedule.type': 'cosine', 'augmentation.shift': 1, 'augmentation.rotation': 8, 'augmentation.scale': 0.08,
};

/** The seed network of the lecture: every field at the service's default. */
export const SEED = {layers: '784, 30, 10', learningRate: 3.0, epochs: 30, batchSize: 10, seed: 1};

let schemas = null;

/** The schema a (dotted) request field has in the OpenAPI document, following its $refs. */
function fieldSchema(path) {
    let schema = schemas.TrainingRequest;
    for (const part of path.split('.')) {
        schema = resolve(schema);
        schema = schema && schema.properties && schema.properties[part];
    }
    return resolve(schema);
}

function resolve(schema) {
    while (schema) {
        if (schema.$ref) {
            schema = schemas[schema.$ref.split('/').pop()];
            continue;
        }
        // A nullable field is oneOf [its schema, null]; a documented one allOf [its schema].
        const branches = (schema.allOf || schema.oneOf || schema.anyOf || []).filter((s) => s.type !== 'null');
        if (branches.length === 1 && !schema.properties && !schema.enum) {
            schema = branches[0];
            continue;
        }
        return schema;
    }
    return schema;
}

/** Fills every select marked data-enum with the values the service lists for that field. */
export async function loadChoices(form) {
    const description = await api('/v3/api-docs');
    schemas = description.components.schemas;
    for (const select of form.querySelectorAll('select[data-enum]')) {
        const schema = fieldSchema(select.dataset.enum) || {};
        const values = (schema.enum || []).filter((value) => value !== null);
        select.replaceChildren(...values.map((value) => new Option(value, value)));
        const fallback = schema.default != null ? schema.default : values[0];
        select.value = select.dataset.value || fallback;
        select.dataset.default = fallback;
    }
    // Not form.dataset: a form's controls shadow its properties, and this one has a control named dataset.
    form.setAttribute('data-choices', 'loaded');
}

/** Sets the form to a preset: the fields it names, every other field back to its default. */
export function applyPreset(form, preset) {
    for (const element of form.elements) {
        if (!element.name || element.name === 'dataset') {
            continue;
        }
        const value = preset[element.name];
        if (element.type === 'checkbox') {
            element.checked = Boolean(value);
        } else if (element.tagName === 'SELECT') {
            element.value = value != null ? value : element.dataset.default;
        } else {
            element.value = value != null ? value : '';
        }
    }
    for (const [name, value] of Object.entries(SEED)) {
        if (!(name in preset)) {
            form.elements[name].value = value;
        }
    }
}

/** The training request the form describes: blank fields are left for the service's defaults. */
export function trainingRequest(form) {
    const request = {};
    for (const element of form.elements) {
        if (!element.name || element.disabled) {
            continue;
        }
        let value;
        if (element.name === 'layers') {
            value = element.value.split(/[\s,]+/).filter(Boolean).map(Number);
        } else if (element.type === 'checkbox') {
            value = element.checked || undefined;
        } else if (element.type === 'number') {
            value = element.value.trim() === '' ? undefined : Number(element.value);
        } else {
            value = element.value.trim() || undefined;
        }
        if (value !== undefined) {
            put(request, element.name.split('.'), value);
        }
    }
    // A schedule or augmentation left at nothing is not sent.
    if (request.schedule && request.schedule.type === 'constant' && Object.keys(request.schedule).length === 1) {
        delete request.schedule;
    }
    request.name = `${request.layers.join('-')} ${request.hiddenActivation} ${request.optimizer}`;
    return request;
}

function put(target, path, value) {
    const [head, ...rest] = path;
    if (rest.length === 0) {
        target[head] = value;
    } else {
        target[head] = target[head] || {};
        put(target[head], rest, value);
    }
}
