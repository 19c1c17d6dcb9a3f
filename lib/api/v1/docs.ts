import type { createApiDocument } from './openapi';

type Document = ReturnType<typeof createApiDocument>;
type Json = unknown;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Inline `code` in the document's descriptions, the only markdown they use. */
function prose(text: string | undefined): string {
  return escapeHtml(text ?? '').replace(/`([^`]+)`/g, '<code>$1</code>');
}

function resolve(document: Document, schema: Json): Json {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  if (!ref) return schema;
  const name = ref.split('/').at(-1) ?? '';
  return document.components?.schemas?.[name] ?? schema;
}

function schemaBlock(document: Document, schema: Json): string {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  const label = ref ? `<p>Schema <a href="#schema-${escapeHtml(ref.split('/').at(-1) ?? '')}">${escapeHtml(ref.split('/').at(-1) ?? '')}</a></p>` : '';
  return ref ? label : `<pre>${escapeHtml(JSON.stringify(resolve(document, schema), null, 2))}</pre>`;
}

/**
 * The OpenAPI document as one readable HTML page: each operation with its scope, parameters, body and answers,
 * then the schemas. Server-side and self-contained (inline styles, no script), so it needs no CDN and passes a
 * strict Content-Security-Policy.
 */
export function renderApiDocs(document: Document): string {
  const sections: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {}) as [string, Record<string, Json>][]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const parameters = (operation.parameters as { name: string; in: string; required?: boolean; description?: string; schema?: Json }[] | undefined) ?? [];
      const body = (operation.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)?.content?.['application/json']?.schema;
      const responses = operation.responses as Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
      sections.push(`<section id="${escapeHtml(String(operation.operationId))}">
<h3><span class="method">${method.toUpperCase()}</span> <code>/api/v1${escapeHtml(path)}</code></h3>
<p>${prose(String(operation.summary ?? ''))}. ${prose(String(operation.description ?? ''))}</p>
${parameters.length ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Schema</th><th>About</th></tr></thead><tbody>${parameters.map((parameter) => `<tr><td><code>${escapeHtml(parameter.name)}</code>${parameter.required ? ' (required)' : ''}</td><td>${escapeHtml(parameter.in)}</td><td><code>${escapeHtml(JSON.stringify(parameter.schema ?? {}))}</code></td><td>${prose(parameter.description)}</td></tr>`).join('')}</tbody></table>` : ''}
${body ? `<h4>Body</h4>${schemaBlock(document, body)}` : ''}
<h4>Answers</h4><ul>${Object.entries(responses).map(([status, response]) => `<li><strong>${escapeHtml(status)}</strong> ${prose(response.description)}${response.content?.['application/json']?.schema ? schemaBlock(document, response.content['application/json'].schema) : ''}</li>`).join('')}</ul>
</section>`);
    }
  }
  const schemas = Object.entries(document.components?.schemas ?? {}).map(
    ([name, schema]) => `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} ${escapeHtml(document.info.version)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
code,pre{font-family:ui-monospace,monospace;font-size:.875rem}pre{background:#f4f4f5;padding:.75rem;overflow:auto;border-radius:.25rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #d4d4d8;padding:.25rem .5rem;text-align:left;vertical-align:top}
.method{display:inline-block;min-width:4rem;font-weight:700}section{border-top:1px solid #e4e4e7;margin-top:1.5rem}</style></head>
<body><main><h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${prose(document.info.description)}</p><p>The machine-readable contract: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<nav aria-label="Operations"><ul>${sections.length ? Object.entries(document.paths ?? {}).flatMap(([path, item]) => Object.entries(item ?? {}).filter(([, op]) => op && typeof op === 'object' && 'responses' in op).map(([method, op]) => `<li><a href="#${escapeHtml(String((op as { operationId?: string }).operationId))}">${method.toUpperCase()} ${escapeHtml(path)}</a></li>`)).join('') : ''}</ul></nav>
<h2>Operations</h2>${sections.join('\n')}
<h2>Schemas</h2>${schemas.join('\n')}
</main></body></html>`;
}
