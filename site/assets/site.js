// Fills the "this page, right now" panel: the image's build details, baked in at build time, and
// the hostname of the container that answered. The panel stays hidden without JavaScript, where a
// <noscript> note links to the same JSON. Texts come from the page's data-* attributes, so one
// script serves every language.
"use strict";

(() => {
  const panel = document.getElementById("live");
  if (!panel) {
    return;
  }

  const fields = (kind) => panel.querySelectorAll(`[data-${kind}]`);

  const fill = (kind, data) => {
    for (const field of fields(kind)) {
      const value = data ? data[field.dataset[kind]] : undefined;
      field.textContent = typeof value === "string" && value !== "" ? value : panel.dataset.unavailable;
    }
  };

  const load = async (kind, url) => {
    for (const field of fields(kind)) {
      field.textContent = panel.dataset.loading;
    }
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) {
        throw new Error(`${url} answered ${response.status}`);
      }
      fill(kind, await response.json());
    } catch (error) {
      fill(kind, null);
      console.warn(error);
    }
  };

  panel.hidden = false;
  load("build", "/build-info.json");
  load("server", "/server-info");
  // Behind a load balancer the next answer may come from another container of the same image.
  document.getElementById("live-refresh").addEventListener("click", () => load("server", "/server-info"));
})();
