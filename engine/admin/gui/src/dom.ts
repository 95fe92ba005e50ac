// A tiny element builder: the console is small enough that a framework would be most of its code.

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A modal dialog with one text field; resolves with the value, or null when cancelled. */
export function prompt(title: string, fields: { id: string; label: string; placeholder?: string }[], okId: string): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    const inputs = fields.map((f) => h('input', { id: f.id, placeholder: f.placeholder ?? '', autocomplete: 'off' }));
    const dialog = h('dialog', { class: 'dialog' });
    const done = (ok: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(ok ? Object.fromEntries(fields.map((f, i) => [f.id, inputs[i].value.trim()])) : null);
    };
    const form = h('form', { method: 'dialog', onsubmit: (e: Event) => (e.preventDefault(), done(true)) },
      h('h3', {}, title),
      ...fields.map((f, i) => h('label', {}, f.label, inputs[i])),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', onclick: () => done(false) }, 'Cancel'),
        h('button', { type: 'submit', id: okId, class: 'primary' }, 'Create')));
    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
    inputs[0]?.focus();
  });
}
