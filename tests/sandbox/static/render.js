/* Formatted text as Telegram shows it, built from the message's text and entities.
 *
 * The Telegram stand-in has already parsed the bot's HTML into plain text plus entities, exactly
 * as Telegram does, so the page never parses HTML from the bot: every piece of text goes into the
 * DOM through text nodes, and links keep only http(s) addresses. Entity offsets are in UTF-16
 * code units, which is what JavaScript strings count in.
 */
(function () {
  "use strict";

  const SAFE_SCHEMES = ["http:", "https:"];

  function safeUrl(raw) {
    if (typeof raw !== "string" || !raw) return null;
    let candidate = raw.trim();
    if (!/^[a-z][a-z0-9+.-]*:/i.test(candidate)) candidate = "http://" + candidate;
    try {
      const url = new URL(candidate);
      return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  /* A t.me link that opens this bot with a start parameter: the page sends "/start <param>". */
  function botStartParam(href, botUsername) {
    if (!href || !botUsername) return null;
    try {
      const url = new URL(href);
      if (!["t.me", "telegram.me"].includes(url.hostname)) return null;
      if (url.pathname.replace(/\//g, "").toLowerCase() !== botUsername.toLowerCase()) return null;
      return url.searchParams.get("start") || "";
    } catch (e) {
      return null;
    }
  }

  function element(entity, hooks) {
    switch (entity.type) {
      case "bold": return document.createElement("b");
      case "italic": return document.createElement("i");
      case "underline": return document.createElement("u");
      case "strikethrough": return document.createElement("s");
      case "code": {
        const el = document.createElement("code");
        el.className = "inline-code";
        el.title = "Click to copy";
        el.addEventListener("click", () => hooks.copy && hooks.copy(el.textContent));
        return el;
      }
      case "pre": {
        const pre = document.createElement("pre");
        if (entity.language) pre.dataset.language = String(entity.language);
        return pre;
      }
      case "spoiler": {
        const el = document.createElement("span");
        el.className = "spoiler";
        el.title = "Spoiler: click to show";
        el.addEventListener("click", () => el.classList.add("revealed"));
        return el;
      }
      case "blockquote":
      case "expandable_blockquote": {
        const el = document.createElement("blockquote");
        if (entity.type === "expandable_blockquote") {
          el.classList.add("expandable");
          el.addEventListener("click", () => el.classList.toggle("expanded"));
        }
        return el;
      }
      case "text_link":
      case "url": {
        return hooks.link(entity.type === "text_link" ? entity.url : null);
      }
      case "email": {
        const el = document.createElement("span");
        el.className = "entity-email";
        return el;
      }
      case "bot_command": {
        const el = document.createElement("a");
        el.href = "#";
        el.className = "entity-command";
        el.addEventListener("click", (event) => {
          event.preventDefault();
          if (hooks.command) hooks.command(el.textContent);
        });
        return el;
      }
      case "mention":
      case "hashtag":
      case "cashtag":
      case "text_mention":
      case "phone_number": {
        const el = document.createElement("span");
        el.className = "entity-" + entity.type.replace("_", "-");
        return el;
      }
      default: {
        return document.createElement("span");
      }
    }
  }

  /* Append text[start:end) to parent, wrapping the entities (sorted, nested) that fall inside. */
  function renderRange(text, start, end, entities, parent, hooks) {
    let pos = start;
    let i = 0;
    while (i < entities.length) {
      const entity = entities[i];
      const eStart = Math.max(entity.offset, pos);
      const eEnd = Math.min(entity.offset + entity.length, end);
      let j = i + 1;
      const inner = [];
      while (j < entities.length && entities[j].offset < entity.offset + entity.length) {
        inner.push(entities[j]);
        j += 1;
      }
      if (eEnd <= eStart) {
        i = j;
        continue;
      }
      if (eStart > pos) parent.appendChild(document.createTextNode(text.slice(pos, eStart)));
      const el = element(entity, hooks);
      renderRange(text, eStart, eEnd, inner, el, hooks);
      if (entity.type === "url" && el.tagName === "A") {
        const href = safeUrl(el.textContent);
        if (href) hooks.setHref(el, href);
        else el.removeAttribute("href");
      }
      parent.appendChild(el);
      pos = Math.max(pos, eEnd);
      i = j;
    }
    if (pos < end) parent.appendChild(document.createTextNode(text.slice(pos, end)));
  }

  /* A DocumentFragment of the text with its entities. hooks: {link(url) -> <a>, setHref(a, href),
   * command(text), copy(text)}. */
  function renderText(text, entities, hooks) {
    const fragment = document.createDocumentFragment();
    if (!text) return fragment;
    const sorted = (entities || [])
      .filter((e) => Number.isInteger(e.offset) && Number.isInteger(e.length) && e.length > 0)
      .slice()
      .sort((a, b) => a.offset - b.offset || b.length - a.length);
    renderRange(text, 0, text.length, sorted, fragment, hooks);
    return fragment;
  }

  window.TgRender = { renderText, safeUrl, botStartParam };
})();
