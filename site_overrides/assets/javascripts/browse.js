// The browse page: facets and full text in one result list, with Pagefind.
// State lives in the query string (repeat a parameter for several values), so a view can be shared.
const script = document.currentScript || document.querySelector("script[data-pagefind]");
const ui = document.getElementById("browse-ui");
const form = document.getElementById("browse-form");
const query = document.getElementById("browse-q");
const status = document.getElementById("browse-status");
const list = document.getElementById("browse-results");
const more = document.getElementById("browse-more");
const all = document.getElementById("browse-all");
// The lesson card partial, drawn for a result: its data-slot and data-part attributes name the result's Pagefind
// metadata (the names are defined once, in build_tools/derive/search_documents.py).
const cardTemplate = document.getElementById("browse-card");
const PAGE = 20;
const facets = [...form.querySelectorAll("fieldset[data-facet]")].map((fieldset) => fieldset.dataset.facet);

const scriptUrl = new URL(script.dataset.pagefind, document.baseURI);
const siteRoot = new URL(script.dataset.siteRoot, document.baseURI);
let pagefind;
let results = [];
let shown = 0;
let generation = 0;

function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  query.value = params.get("q") || "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
}

function selected() {
  const chosen = {};
  for (const facet of facets) {
    const values = [...form.querySelectorAll(`input[name="${facet}"]:checked`)].map((box) => box.value);
    if (values.length) chosen[facet] = values;
  }
  return chosen;
}

function saveState(chosen) {
  const params = new URLSearchParams();
  for (const [facet, values] of Object.entries(chosen)) for (const value of values) params.append(facet, value);
  if (query.value.trim()) params.set("q", query.value.trim());
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function filtersFor(chosen, except) {
  const filters = {};
  for (const [facet, values] of Object.entries(chosen)) if (facet !== except) filters[facet] = { any: values };
  return filters;
}

async function run() {
  const mine = ++generation;
  const chosen = selected();
  saveState(chosen);
  const term = query.value.trim() || null;
  const options = { filters: filtersFor(chosen) };
  if (!term) options.sort = { published: "desc" };
  const search = await pagefind.search(term, options);
  if (mine !== generation) return; // a newer change has started: drop this one early
  // A facet's own choices widen, so its counts come from a search without them.
  const perFacet = {};
  for (const facet of Object.keys(chosen)) {
    perFacet[facet] = (await pagefind.search(term, { filters: filtersFor(chosen, facet) })).filters[facet] || {};
    if (mine !== generation) return;
  }
  if (mine !== generation) return; // a newer change has started
  for (const counter of form.querySelectorAll("[data-count]")) {
    const [facet, value] = counter.dataset.count.split(":");
    const counts = perFacet[facet] || search.filters[facet] || {};
    const count = counts[value] || 0;
    counter.textContent = `(${count})`;
    counter.closest(".handbook-facet__option").classList.toggle("handbook-facet__option--empty", count === 0);
  }
  results = search.results;
  shown = 0;
  list.replaceChildren();
  const n = results.length;
  status.textContent = n === 1 ? "1 lesson matches." : `${n} lessons match.`;
  await showMore(mine);
}

function safeExcerpt(html) {
  // Pagefind marks matches with <mark>; keep those and treat everything else as text.
  const holder = document.createElement("template");
  holder.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const node of holder.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

function resultCard(data, searching) {
  // A copy of the card: a part whose value the result lacks is dropped, each slot becomes its value as text.
  const card = cardTemplate.content.querySelector(".handbook-card").cloneNode(true);
  for (const part of card.querySelectorAll("[data-part]")) {
    if (data.meta[part.dataset.part]) part.replaceWith(...part.childNodes);
    else part.remove();
  }
  for (const link of card.querySelectorAll("[data-url]")) {
    link.href = data.url;
    link.removeAttribute("data-url");
  }
  for (const slot of card.querySelectorAll("[data-slot]")) {
    const excerpt = searching && slot.hasAttribute("data-excerpt");
    slot.replaceWith(excerpt ? safeExcerpt(data.excerpt) : (data.meta[slot.dataset.slot] ?? ""));
  }
  return card;
}

async function showMore(mine, focusFirst = false) {
  const batch = await Promise.all(results.slice(shown, shown + PAGE).map((result) => result.data()));
  if (mine !== generation) return;
  const searching = Boolean(query.value.trim());
  for (const data of batch) list.append(resultCard(data, searching));
  if (focusFirst && batch.length) list.children[shown]?.querySelector("a")?.focus();
  shown += batch.length;
  more.hidden = shown >= results.length;
}

let timer;
function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(run, delay);
}

async function start() {
  // A preview opened from disk: browsers do not let Pagefind fetch its index from file: addresses (most do not even
  // run this module there), so the page keeps its plain listing of every lesson.
  if (location.protocol === "file:") throw new Error("Search needs the site served over http or https.");
  pagefind = await import(scriptUrl.href);
  await pagefind.options({ baseUrl: siteRoot.pathname });
  await pagefind.init();
  // Loads every facet's filter index, so each search reports counts for all facets, not only the chosen ones.
  await pagefind.filters();
  stateFromUrl();
  for (const details of form.querySelectorAll("details")) {
    if (details.querySelector("input:checked")) details.open = true;
  }
  ui.hidden = false;
  all.hidden = true;
  form.addEventListener("change", () => schedule(0));
  query.addEventListener("input", () => {
    // Fetch the index chunks for what is typed so far while the reader is still typing.
    if (query.value.trim()) pagefind.preload(query.value.trim());
    schedule(60);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    schedule(0);
  });
  document.getElementById("browse-clear").addEventListener("click", () => {
    for (const box of form.querySelectorAll("input[type=checkbox]")) box.checked = false;
    query.value = "";
    schedule(0);
    query.focus();
  });
  more.addEventListener("click", () => showMore(generation, true));
  window.addEventListener("popstate", () => {
    stateFromUrl();
    schedule(0);
  });
  await run();
}

start().catch((error) => {
  ui.hidden = true;
  all.hidden = false;
  all.insertAdjacentHTML("afterbegin", "<p><strong>Search is not available right now; every lesson is listed below.</strong></p>");
  console.error(error);
});
