// What every part of the page shares: calling the API, showing its problems, formatting numbers.
export const $ = (selector) => document.querySelector(selector);

/** Calls the API; a problem+json answer becomes an Error whose message lists every bad field. */
export async function api(path, options = {}) {
    const key = $('#api-key').value;
    if (key && options.method && options.method !== 'GET') {
        options.headers = {...(options.headers || {}), 'X-API-Key': key};
    }
    const response = await fetch(path, options);
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
        const errors = (body && body.errors) || [];
        const lines = errors.length ? errors.map((e) => `${e.field}: ${e.message}`) : [(body && body.detail) || response.statusText];
        throw new Error(lines.join('\n'));
    }
    return body;
}

export const postJson = (path, data) => api(path, {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(data),
});

export function showProblem(element, error) {
    element.textContent = error ? error.message : '';
    element.hidden = !error;
}

export const percent = (value) => (value == null ? '–' : `${(value * 100).toFixed(2)}%`);
export const number = (value) => Math.round(value).toLocaleString('en');
/** A model as the registry knows it: its name and version, or its id when it has no name. */
export const modelLabel = (model) => (model.name ? `${model.name} v${model.version}` : model.id);

