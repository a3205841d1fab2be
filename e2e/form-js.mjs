// form-js helpers shared by the browser checks (the DOM of form-js as bundled in the Tasklist 7.24 webjar:
//   form: .fjs-container > form.fjs-form; field wrapper .fjs-form-field.fjs-form-field-<type>;
//   inputs carry id "fjs-form-<random>-<component id>"; group: .fjs-form-field-group with a
//   label.fjs-form-field-label; select: .fjs-select-display + .fjs-dropdownlist-item (searchable:
//   input.fjs-input + same dropdown); date: input.flatpickr-input + .flatpickr-calendar;
//   errors: .fjs-form-field-error, id "...-<component id>-error-message").

let page;

/** The page the helpers work on (each script sets it once it has opened Tasklist). */
export function usePage(p) {
  page = p;
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function log(msg) {
  console.log(msg);
}

/** The form-js form currently shown: the start modal or the task pane. */
export function formRoot(scope) {
  return (scope || page).locator('form.fjs-form').first();
}

export function input(form, componentId) {
  return form.locator(`[id$="-${componentId}"]`).first();
}

export function fieldOf(form, componentId) {
  return form
    .locator('.fjs-form-field:not(.fjs-form-field-grouplike)')
    // the input ("...-Field_x"), or its parts: "-display" (select), "-date"/"-time", "-0".. (radio)
    .filter({ has: page.locator(`[id$="-${componentId}"], [id*="-${componentId}-"], label[for$="-${componentId}"]`) })
    .first();
}

export function errorOf(form, componentId) {
  return form.locator(`[id$="-${componentId}-error-message"]`).first();
}

export async function fillText(form, componentId, value) {
  const el = input(form, componentId);
  await el.click();
  await el.fill(value);
  // form-js debounces text input (300 ms); leaving the field sooner can validate the old, empty value.
  await sleep(400);
}

/** Leaves the current field the way a user does, by clicking the form's heading (form-js validates on blur). */
export async function clickAway(form) {
  await form.locator('h1').first().click();
}

/**
 * Opens the dropdown of a form-js select. Its open state toggles on mousedown and follows focus, and
 * after some focus sequences one click is not enough, so try as a user would: click, click the arrow,
 * click elsewhere and again.
 */
export async function openDropdown(form, componentId) {
  const field = fieldOf(form, componentId);
  const list = field.locator('.fjs-dropdownlist');
  const searchable = await field.locator('input.fjs-input').count();
  const display = searchable ? field.locator('input.fjs-input').first() : field.locator('.fjs-select-display');
  const tries = [
    ['click', () => display.click()],
    ['click arrow', () => field.locator('.fjs-select-arrow').click()],
    ['click away, click', async () => { await clickAway(form); await display.click(); }],
    ['click away, click arrow', async () => { await clickAway(form); await field.locator('.fjs-select-arrow').click(); }],
    ['focus hidden input', async () => { await clickAway(form); await input(form, componentId).focus(); }],
  ];
  const how = [];
  for (const [name, action] of tries) {
    if (await list.isVisible()) break;
    how.push(name);
    await action();
    try {
      await list.waitFor({ state: 'visible', timeout: 1000 });
    } catch (e) {
      // try the next way
    }
  }
  if (!(await list.isVisible())) throw new Error(`dropdown of ${componentId} does not open (tried: ${how.join('; ')})`);
  if (how.length > 1 && process.env.E2E_DEBUG) log(`DEBUG dropdown ${componentId} opened by: ${how.join(' -> ')}`);
  return field;
}

export async function chooseOption(form, componentId, label) {
  const field = await openDropdown(form, componentId);
  if (await field.locator('input.fjs-input').count()) {
    await field.locator('input.fjs-input').first().fill(label.slice(0, Math.min(label.length, 12)));
  }
  const item = field.locator('.fjs-dropdownlist-item').filter({ hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: 5000 });
  await item.click();
  await expectSelectShows(form, componentId, label);
}

export async function selectShows(form, componentId) {
  const field = fieldOf(form, componentId);
  if (await field.locator('.fjs-select-display').count()) {
    return (await field.locator('.fjs-select-display').innerText()).trim();
  }
  return (await field.locator('input.fjs-input').first().inputValue()).trim();
}

export async function expectSelectShows(form, componentId, label) {
  const deadline = Date.now() + 3000;
  let shown;
  do {
    shown = await selectShows(form, componentId);
    if (shown === label) return;
    await sleep(100);
  } while (Date.now() < deadline);
  throw new Error(`select ${componentId} shows "${shown}", expected "${label}"`);
}

/** Picks today's date through the flatpickr date picker of a form-js datetime field. */
export async function pickToday(form, componentId) {
  const box = form.locator(`input[id$="-${componentId}-date"]`).first();
  await box.click();
  const calendar = fieldOf(form, componentId).locator('.flatpickr-calendar.open');
  await calendar.waitFor({ state: 'visible', timeout: 5000 });
  await calendar.locator('.flatpickr-day.today').first().click();
  const value = await box.inputValue();
  const d = new Date();
  // form-js shows M/D/YYYY without leading zeros (12/1/2026); accept either way of writing today.
  const [month, day, year] = value.split('/').map(Number);
  assert(month === d.getMonth() + 1 && day === d.getDate() && year === d.getFullYear(),
    `date picker put "${value}" into ${componentId}, expected today ${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()}`);
  return value;
}

export async function setCheckbox(form, componentId, on = true) {
  const box = form.locator(`input[type=checkbox][id$="-${componentId}"]`).first();
  if (on) await box.check();
  else await box.uncheck();
}

/** Ticks every unticked required checkbox of a form; answers their component ids. */
export async function tickRequiredCheckboxes(form) {
  const boxes = form.locator('.fjs-form-field-checkbox:has(.fjs-asterix) input[type=checkbox]');
  const ticked = [];
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    if (!(await box.isChecked()) && (await box.isEnabled())) {
      await box.check();
      ticked.push(((await box.getAttribute('id')) || '').replace(/^fjs-form-[^-]+-/, ''));
    }
  }
  return ticked;
}

export async function groupHeadings(form) {
  return form.locator('.fjs-form-field-group > label.fjs-form-field-label').allInnerTexts();
}

export async function visibleErrors(form) {
  const errs = form.locator('.fjs-form-field-error');
  const out = [];
  for (let i = 0; i < (await errs.count()); i++) {
    const e = errs.nth(i);
    if (await e.isVisible()) {
      const id = (await e.getAttribute('id')) || '';
      out.push({ id: id.replace(/^fjs-form-[^-]+-/, '').replace(/-error-message$/, ''), text: (await e.innerText()).trim() });
    }
  }
  return out;
}

/**
 * Full-height screenshot of a form: the start modal and the task pane scroll internally, so the
 * viewport is made as tall as the form for the shot and restored afterwards.
 */
