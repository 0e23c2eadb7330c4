/* The sandbox's chat page: one user's private chat with the bot, drawn like Telegram draws it.
 *
 * It long-polls the stand-in's change counter (/tg/changes?since=V), reloads the transcript when it
 * moves, and redraws only the messages whose version changed (edits in place, deletions removed).
 * What the user does goes to the stand-in's control API (text, press, reply_button, contact,
 * location, photo, document), which turns it into updates for the real bot.
 */
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const state = {
    config: null,
    chatId: null,
    user: null,
    version: -1,
    rows: new Map(), // message_id -> {version, node}
    byId: new Map(), // message_id -> transcript row
    replyKeyboard: null,
    replyKeyboardKey: "",
    keyboardHidden: false,
    shownAnswers: new Set(),
    lastActionDate: 0,
    polling: false,
    failures: 0,
  };

  // ------------------------------------------------------------------ calls

  async function call(path, options) {
    const response = await fetch(path, options);
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok || (body && body.ok === false)) {
      const reason = (body && (body.error || body.description)) || response.statusText;
      throw new Error(reason || "request failed");
    }
    return body;
  }

  function post(path, payload) {
    return call(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload || {}),
    });
  }

  async function act(path, payload) {
    try {
      await post(`/tg/chats/${state.chatId}/${path}`, payload);
    } catch (error) {
      toast(String(error.message || error));
    }
  }

  // ------------------------------------------------------------------ small helpers

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function timeOf(seconds) {
    const date = new Date(seconds * 1000);
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function sizeOf(bytes) {
    if (!Number.isFinite(bytes)) return "";
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function fileUrl(fileId) {
    return `/tg/files/${encodeURIComponent(fileId)}`;
  }

  let toastTimer = null;
  function toast(text) {
    const box = $("toast");
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      box.hidden = true;
    }, 3500);
  }

  function showAlert(text) {
    $("alert-text").textContent = text;
    const dialog = $("alert-dialog");
    if (!dialog.open) dialog.showModal();
  }

  function banner(text) {
    const box = $("banner");
    box.textContent = text || "";
    box.hidden = !text;
  }

  function copy(text) {
    if (navigator.clipboard) {
      navigator.clipboard.writeText(text).then(() => toast("Copied"), () => {});
    }
  }

  function sendText(text) {
    const trimmed = String(text || "");
    if (!trimmed.trim()) return;
    act("text", { text: trimmed });
  }

  const hooks = {
    link(url) {
      const a = el("a", "entity-link");
      if (url) {
        const href = TgRender.safeUrl(url);
        if (href) hooks.setHref(a, href);
      }
      return a;
    },
    setHref(a, href) {
      const bot = state.config && state.config.bot;
      const param = TgRender.botStartParam(href, bot && bot.username);
      if (param !== null) {
        a.href = "#";
        a.title = param ? `/start ${param}` : "/start";
        a.addEventListener("click", (event) => {
          event.preventDefault();
          sendText(param ? `/start ${param}` : "/start");
        });
        return;
      }
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.title = href;
    },
    command(text) {
      sendText(text.split("@")[0]);
    },
    copy,
  };

  // ------------------------------------------------------------------ drawing one message

  function formatted(text, entities) {
    const box = el("div", "text");
    box.appendChild(TgRender.renderText(text, entities, hooks));
    return box;
  }

  function mediaOf(row) {
    const parts = [];
    if (row.photo && row.photo.length) {
      const biggest = row.photo[row.photo.length - 1];
      const link = el("a", "photo");
      link.href = fileUrl(biggest.file_id);
      link.target = "_blank";
      link.rel = "noopener";
      const img = el("img");
      img.alt = "Photo";
      img.loading = "lazy";
      img.src = fileUrl(biggest.file_id);
      link.appendChild(img);
      parts.push(link);
    }
    if (row.document) {
      const doc = row.document;
      const card = el("a", "document");
      card.href = fileUrl(doc.file_id);
      card.download = doc.file_name || "file";
      card.title = "Download";
      const icon = el("div", "doc-icon");
      const ext = (doc.file_name || "").split(".").pop();
      icon.textContent = ext && ext.length <= 4 ? ext.toUpperCase() : "FILE";
      const meta = el("div", "doc-meta");
      meta.appendChild(el("div", "doc-name", doc.file_name || "file"));
      meta.appendChild(el("div", "doc-size", `${sizeOf(doc.file_size)} · download`));
      card.appendChild(icon);
      card.appendChild(meta);
      parts.push(card);
    }
    if (row.sticker) {
      parts.push(el("div", "sticker", row.sticker.emoji || "🖼️"));
    }
    const venue = row.venue;
    const location = venue ? venue.location : row.location;
    if (location) {
      const card = el("div", "location");
      const pin = el("div", "pin", "📍");
      const meta = el("div", "loc-meta");
      if (venue) {
        meta.appendChild(el("div", "loc-title", venue.title));
        if (venue.address) meta.appendChild(el("div", "loc-address", venue.address));
      } else {
        meta.appendChild(el("div", "loc-title", "Location"));
      }
      const lat = Number(location.latitude).toFixed(6);
      const lon = Number(location.longitude).toFixed(6);
      meta.appendChild(el("div", "loc-coords", `${lat}, ${lon}`));
      const map = el("a", "loc-map", "Open in a map");
      map.href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
      map.target = "_blank";
      map.rel = "noopener noreferrer";
      meta.appendChild(map);
      card.appendChild(pin);
      card.appendChild(meta);
      parts.push(card);
    }
    if (row.contact) {
      const c = row.contact;
      const card = el("div", "contact-card");
      card.appendChild(el("div", "contact-avatar", (c.first_name || "?").slice(0, 1).toUpperCase()));
      const meta = el("div");
      meta.appendChild(el("div", "contact-name", [c.first_name, c.last_name].filter(Boolean).join(" ")));
      meta.appendChild(el("div", "contact-phone", c.phone_number));
      card.appendChild(meta);
      parts.push(card);
    }
    return parts;
  }

  function inlineKeyboard(row) {
    const markup = row.reply_markup;
    if (!markup || !Array.isArray(markup.inline_keyboard) || !markup.inline_keyboard.length) return null;
    const box = el("div", "inline-kb");
    for (const buttons of markup.inline_keyboard) {
      const line = el("div", "kb-row");
      for (const button of buttons) {
        line.appendChild(inlineButton(row, button));
      }
      box.appendChild(line);
    }
    return box;
  }

  function inlineButton(row, button) {
    if (button.url) {
      const a = el("a", "kb-button link-button", button.text);
      const href = TgRender.safeUrl(button.url);
      if (href) hooks.setHref(a, href);
      else a.removeAttribute("href");
      return a;
    }
    const node = el("button", "kb-button", button.text);
    node.type = "button";
    if (button.callback_data !== undefined) {
      node.dataset.callback = button.callback_data;
      node.addEventListener("click", async () => {
        node.classList.add("pressed");
        await act("press", { message_id: row.message_id, data: button.callback_data });
        setTimeout(() => node.classList.remove("pressed"), 600);
      });
    } else {
      node.disabled = true;
      node.title = "Not available in the sandbox";
    }
    return node;
  }

  function quoteOf(row) {
    const target = state.byId.get(row.reply_to_message_id);
    const quote = el("div", "reply-quote");
    quote.appendChild(el("div", "reply-author", target && target.from_bot ? botName() : userName()));
    const text = target ? target.text || target.caption || (target.photo ? "Photo" : target.document ? "File" : "Message") : "Deleted message";
    quote.appendChild(el("div", "reply-text", text));
    return quote;
  }

  function drawMessage(row) {
    const wrap = el("div", `msg ${row.from_bot ? "bot" : "me"}`);
    wrap.dataset.id = String(row.message_id);
    const bubble = el("div", "bubble");
    if (row.reply_to_message_id) bubble.appendChild(quoteOf(row));
    const media = mediaOf(row);
    for (const part of media) bubble.appendChild(part);
    if (media.length) bubble.classList.add("has-media");
    const text = row.text !== null && row.text !== undefined ? row.text : row.caption;
    const entities = row.text !== null && row.text !== undefined ? row.entities : row.caption_entities;
    if (text) bubble.appendChild(formatted(text, entities || []));
    const meta = el("span", "meta");
    if (row.edit_count > 0) meta.appendChild(el("span", "edited", "edited"));
    meta.appendChild(el("span", "time", timeOf(row.date)));
    if (!row.from_bot) meta.appendChild(el("span", "ticks", "✓✓"));
    bubble.appendChild(meta);
    wrap.appendChild(bubble);
    const keyboard = inlineKeyboard(row);
    if (keyboard) wrap.appendChild(keyboard);
    return wrap;
  }

  function botName() {
    return (state.config && state.config.bot && state.config.bot.first_name) || "Bot";
  }

  function userName() {
    return (state.user && state.user.first_name) || "You";
  }

  // ------------------------------------------------------------------ the transcript

  function nearBottom() {
    const box = $("messages");
    return box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  }

  function scrollDown() {
    const box = $("messages");
    box.scrollTop = box.scrollHeight;
  }

  function dayKey(seconds) {
    return new Date(seconds * 1000).toDateString();
  }

  function applyTranscript(chat) {
    const box = $("messages");
    const stick = nearBottom();
    const seen = new Set();
    let previous = null;
    let added = false;
    state.byId = new Map(chat.messages.map((m) => [m.message_id, m]));
    for (const row of chat.messages) {
      const known = state.rows.get(row.message_id);
      if (row.deleted) {
        if (known) known.node.remove();
        state.rows.delete(row.message_id);
        continue;
      }
      seen.add(row.message_id);
      if (known && known.version === row.version) {
        previous = known.node;
        continue;
      }
      const node = drawMessage(row);
      if (known) {
        known.node.replaceWith(node);
      } else {
        const day = dayKey(row.date);
        const lastDay = previous ? previous.dataset.day : null;
        if (day !== lastDay && !box.querySelector(`.day[data-day="${CSS.escape(day)}"]`)) {
          const sep = el("div", "day");
          sep.dataset.day = day;
          sep.appendChild(el("span", null, new Date(row.date * 1000).toLocaleDateString([], { month: "long", day: "numeric" })));
          insertAfter(box, sep, previous);
          previous = sep;
        }
        insertAfter(box, node, previous);
        added = true;
      }
      node.dataset.day = dayKey(row.date);
      state.rows.set(row.message_id, { version: row.version, node });
      previous = node;
    }
    for (const [id, known] of state.rows) {
      if (!seen.has(id)) {
        known.node.remove();
        state.rows.delete(id);
      }
    }
    $("empty-hint").hidden = chat.messages.some((m) => !m.deleted);
    $("start-bar").hidden = chat.messages.length > 0;
    drawReplyKeyboard(chat.reply_keyboard);
    showCallbackAnswers(chat.callback_queries || []);
    showChatAction(chat.chat_actions || []);
    if (stick || added) scrollDown();
  }

  function insertAfter(box, node, previous) {
    if (previous && previous.parentNode === box) previous.after(node);
    else box.insertBefore(node, $("empty-hint").nextSibling);
  }

  function showCallbackAnswers(queries) {
    for (const query of queries) {
      if (!query.answered || state.shownAnswers.has(query.id)) continue;
      state.shownAnswers.add(query.id);
      if (!state.ready) continue; // answers from before the page was opened are not news
      if (query.text) {
        if (query.show_alert) showAlert(query.text);
        else toast(query.text);
      }
    }
  }

  let typingTimer = null;
  function showChatAction(actions) {
    const last = actions[actions.length - 1];
    const status = $("bot-status");
    if (!last || last.date <= state.lastActionDate) return;
    state.lastActionDate = last.date;
    if (Date.now() / 1000 - last.date > 5) return;
    const words = {
      typing: "typing…",
      upload_document: "sending a file…",
      upload_photo: "sending a photo…",
      find_location: "choosing a location…",
    };
    status.textContent = words[last.action] || "typing…";
    status.classList.add("active");
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      status.textContent = "bot";
      status.classList.remove("active");
    }, 5000);
  }

  // ------------------------------------------------------------------ the reply keyboard

  function drawReplyKeyboard(markup) {
    const key = JSON.stringify(markup || null);
    const box = $("reply-kb");
    const toggle = $("kb-toggle");
    if (key !== state.replyKeyboardKey) {
      state.replyKeyboardKey = key;
      state.replyKeyboard = markup;
      state.keyboardHidden = false;
      box.replaceChildren();
      if (markup && Array.isArray(markup.keyboard)) {
        for (const buttons of markup.keyboard) {
          const line = el("div", "kb-row");
          for (const button of buttons) line.appendChild(replyButton(button));
          box.appendChild(line);
        }
      }
      $("input").placeholder = (markup && markup.input_field_placeholder) || "Message";
    }
    const has = Boolean(markup && Array.isArray(markup.keyboard) && markup.keyboard.length);
    box.hidden = !has || state.keyboardHidden;
    toggle.hidden = !has;
    toggle.classList.toggle("on", has && !state.keyboardHidden);
  }

  function replyButton(button) {
    const text = typeof button === "string" ? button : button.text;
    const node = el("button", "kb-button", text);
    node.type = "button";
    if (button.request_contact) node.classList.add("request", "request-contact");
    if (button.request_location) node.classList.add("request", "request-location");
    node.addEventListener("click", () => {
      if (button.request_location) {
        openLocation((lat, lon) => act("reply_button", { text, latitude: lat, longitude: lon }));
      } else if (button.request_contact) {
        openContact((phone) => act("reply_button", { text, phone_number: phone }));
      } else if (button.request_users || button.request_chat || button.request_poll || button.web_app) {
        toast("This kind of button is not available in the sandbox");
      } else {
        act("reply_button", { text });
      }
      if (state.replyKeyboard && state.replyKeyboard.one_time_keyboard) {
        state.keyboardHidden = true;
        drawReplyKeyboard(state.replyKeyboard);
      }
    });
    return node;
  }

  // ------------------------------------------------------------------ dialogs

  function openLocation(onSend) {
    const dialog = $("location-dialog");
    const where = state.config.location;
    $("loc-lat").value = where.latitude;
    $("loc-lon").value = where.longitude;
    dialog.onclose = () => {
      if (dialog.returnValue !== "send") return;
      const lat = Number($("loc-lat").value);
      const lon = Number($("loc-lon").value);
      if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        onSend(lat, lon);
      } else {
        toast("That is not a valid location");
      }
    };
    dialog.returnValue = "";
    dialog.showModal();
  }

  function openContact(onSend) {
    const dialog = $("contact-dialog");
    $("contact-phone").value = (state.user && state.user.phone_number) || "+998";
    dialog.onclose = () => {
      if (dialog.returnValue === "send") onSend($("contact-phone").value.trim());
    };
    dialog.returnValue = "";
    dialog.showModal();
  }

  for (const button of document.querySelectorAll("dialog [data-close]")) {
    button.addEventListener("click", () => button.closest("dialog").close("cancel"));
  }

  // ------------------------------------------------------------------ composer

  function readBase64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  function setupComposer() {
    const input = $("input");
    const form = $("composer");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value;
      if (!text.trim()) return;
      input.value = "";
      autoGrow();
      sendText(text);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    function autoGrow() {
      input.style.height = "auto";
      input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
    }
    input.addEventListener("input", autoGrow);

    $("start-button").addEventListener("click", () => sendText("/start"));
    $("kb-toggle").addEventListener("click", () => {
      state.keyboardHidden = !state.keyboardHidden;
      drawReplyKeyboard(state.replyKeyboard);
    });

    const attachMenu = $("attach-menu");
    const commandsMenu = $("commands-menu");
    $("attach-button").addEventListener("click", (event) => {
      event.stopPropagation();
      commandsMenu.hidden = true;
      attachMenu.hidden = !attachMenu.hidden;
    });
    $("commands-button").addEventListener("click", async (event) => {
      event.stopPropagation();
      attachMenu.hidden = true;
      if (!commandsMenu.hidden) {
        commandsMenu.hidden = true;
        return;
      }
      await fillCommands();
      commandsMenu.hidden = false;
    });
    document.addEventListener("click", () => {
      attachMenu.hidden = true;
      commandsMenu.hidden = true;
    });
    attachMenu.addEventListener("click", (event) => {
      const kind = event.target.closest("[data-attach]");
      if (!kind) return;
      attachMenu.hidden = true;
      const what = kind.dataset.attach;
      if (what === "contact") openContact((phone) => act("contact", { phone_number: phone }));
      if (what === "location") openLocation((lat, lon) => act("location", { latitude: lat, longitude: lon }));
      if (what === "photo") $("photo-input").click();
      if (what === "document") $("document-input").click();
    });
    $("photo-input").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      event.target.value = "";
      if (!file) return;
      const caption = input.value.trim();
      input.value = "";
      await act("photo", { content_base64: await readBase64(file), caption: caption || undefined });
    });
    $("document-input").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      event.target.value = "";
      if (!file) return;
      const caption = input.value.trim();
      input.value = "";
      await act("document", {
        content_base64: await readBase64(file),
        file_name: file.name,
        mime_type: file.type || undefined,
        caption: caption || undefined,
      });
    });
  }

  async function fillCommands() {
    const menu = $("commands-menu");
    menu.replaceChildren();
    let sets = [];
    try {
      sets = await call("/tg/commands");
    } catch (e) {
      sets = [];
    }
    const language = (state.user && state.user.language_code) || "";
    const privateSets = sets.filter((s) => ["default", "all_private_chats"].includes(s.scope.type));
    const chosen =
      privateSets.find((s) => s.language_code === language && s.scope.type === "all_private_chats") ||
      privateSets.find((s) => s.language_code === "" && s.scope.type === "all_private_chats") ||
      privateSets.find((s) => s.language_code === language) ||
      privateSets.find((s) => s.language_code === "");
    const commands = chosen ? chosen.commands : [];
    if (!commands.length) menu.appendChild(el("div", "muted", "The bot has no commands yet"));
    for (const command of commands) {
      const item = el("button", "command-item");
      item.type = "button";
      item.appendChild(el("span", "command-name", `/${command.command}`));
      item.appendChild(el("span", "command-desc", command.description));
      item.addEventListener("click", () => sendText(`/${command.command}`));
      menu.appendChild(item);
    }
  }

  // ------------------------------------------------------------------ the side panel

  function creds(target, pairs) {
    const box = $(target);
    box.replaceChildren();
    for (const [label, value] of pairs) {
      if (value === undefined || value === null || value === "") continue;
      box.appendChild(el("dt", null, label));
      const dd = el("dd");
      const code = el("code", "copyable", value);
      code.title = "Click to copy";
      code.addEventListener("click", () => copy(String(value)));
      dd.appendChild(code);
      box.appendChild(dd);
    }
  }

  async function refreshOrders() {
    const box = $("bts-orders");
    let rows = [];
    try {
      rows = (await call("/api/bts/orders")).result;
    } catch (e) {
      return;
    }
    box.replaceChildren();
    if (!rows.length) box.appendChild(el("div", "muted", "No parcels yet."));
    for (const row of rows) {
      const line = el("div", "order-row");
      const meta = el("div", "order-meta");
      const code = el("code", "copyable", row.barcode);
      code.title = "Click to copy";
      code.addEventListener("click", () => copy(row.barcode));
      meta.appendChild(code);
      meta.appendChild(el("div", "order-status", `${row.status} · ${row.status_name}`));
      line.appendChild(meta);
      const button = el("button", "small", "Advance");
      button.type = "button";
      button.disabled = row.final;
      button.title = "Move the parcel to its next status at BTS";
      button.addEventListener("click", async () => {
        try {
          await post(`/api/bts/orders/${row.id}/advance`);
        } catch (error) {
          toast(String(error.message || error));
        }
        refreshOrders();
      });
      line.appendChild(button);
      box.appendChild(line);
    }
  }

  async function refreshWarehouse() {
    const orders = $("wms-orders");
    const receivings = $("wms-receivings");
    if (!orders || !receivings) return;
    let orderRows = [];
    let receivingRows = [];
    try {
      orderRows = (await call("/api/wms/orders")).result;
      receivingRows = (await call("/api/wms/receivings")).result;
    } catch (e) {
      return;
    }
    const row = (label, status, buttonText, disabled, title, path) => {
      const line = el("div", "order-row");
      const meta = el("div", "order-meta");
      meta.appendChild(el("code", null, label));
      meta.appendChild(el("div", "order-status", status));
      line.appendChild(meta);
      const button = el("button", "small", buttonText);
      button.type = "button";
      button.disabled = disabled;
      button.title = title;
      button.addEventListener("click", async () => {
        try {
          await post(path);
        } catch (error) {
          toast(String(error.message || error));
        }
        refreshWarehouse();
      });
      line.appendChild(button);
      return line;
    };
    orders.replaceChildren();
    if (!orderRows.length) orders.appendChild(el("div", "muted", "No fulfillment orders yet."));
    for (const o of orderRows) {
      orders.appendChild(
        row(`№${o.order_id}`, `${o.status} · ${o.status_name}`, "Advance", o.final,
            "Move the order to its next fulfillment status", `/api/wms/orders/${o.id}/advance`));
    }
    receivings.replaceChildren();
    for (const r of receivingRows) {
      receivings.appendChild(
        row(`№${r.number}`, r.accepted ? "accepted" : "announced", "Accept", r.accepted,
            "Accept the delivery at gate 1", `/api/wms/receivings/${r.id}/accept`));
    }
  }

  function setupInline() {
    const form = $("inline-form");
    if (!form) return;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const box = $("inline-results");
      box.replaceChildren(el("div", "muted", "Asking…"));
      try {
        const body = await post("/api/inline", { user_id: state.chatId, query: $("inline-query").value });
        box.replaceChildren();
        if (!body.result.length) box.appendChild(el("div", "muted", "No results (type a barcode)."));
        for (const result of body.result) {
          const card = el("div", "order-row");
          const meta = el("div", "order-meta");
          meta.appendChild(el("b", null, result.title || ""));
          meta.appendChild(el("div", "order-status", result.description || ""));
          const content = result.input_message_content || {};
          meta.appendChild(el("div", "muted", (content.message_text || "").replace(/<[^>]+>/g, "")));
          card.appendChild(meta);
          box.appendChild(card);
        }
      } catch (error) {
        box.replaceChildren(el("div", "muted", String(error.message || error)));
      }
    });
  }

  function setupPanel() {
    setupInline();
    const demo = state.config.demo || {};
    const bts = demo.bts || {};
    creds("demo-bts", [
      ["Login", bts.username],
      ["Password", bts.password],
      ["INN", bts.inn],
    ]);
    const yandex = demo.yandex || {};
    creds("demo-yandex", [
      ["Merchant id", yandex.merchant_id],
      ["API key", yandex.api_key],
    ]);
    const wms = demo.wms || {};
    creds("demo-wms", [
      ["Login (INN)", wms.login],
      ["or phone", wms.phone],
      ["Password", wms.password],
    ]);
    const links = $("user-links");
    links.replaceChildren();
    for (const user of state.config.users) {
      if (user.id === state.chatId) continue;
      const a = el("a", "user-link");
      a.href = `/?chat=${user.id}`;
      a.target = "_blank";
      a.appendChild(el("b", null, user.first_name));
      if (user.note) a.appendChild(el("span", "muted", ` · ${user.note}`));
      links.appendChild(a);
    }
    $("panel-toggle").addEventListener("click", () => document.body.classList.toggle("panel-open"));
    refreshOrders();
    setInterval(refreshOrders, 4000);
    refreshWarehouse();
    setInterval(refreshWarehouse, 4000);
  }

  // ------------------------------------------------------------------ start-up and polling

  async function loadTranscript() {
    const body = await call(`/api/chats/${state.chatId}/transcript`);
    const chat = body.result;
    state.user = Object.assign({}, state.user || {}, chat.user);
    applyTranscript(chat);
  }

  async function poll() {
    if (state.polling) return;
    state.polling = true;
    for (;;) {
      try {
        const changes = await call(`/tg/changes?since=${state.version}&timeout=25`);
        if (changes.version !== state.version) {
          state.version = changes.version;
          await loadTranscript();
        }
        if (state.failures) banner("");
        state.failures = 0;
      } catch (error) {
        state.failures += 1;
        banner("The sandbox is not answering. Is make run still running?");
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * state.failures)));
      }
    }
  }

  async function main() {
    state.config = await call("/api/config");
    const params = new URLSearchParams(location.search);
    const wanted = Number(params.get("chat"));
    const user = state.config.users.find((u) => u.id === wanted) || state.config.users.find((u) => u.id === state.config.default_chat);
    state.user = Object.assign({}, user);
    state.chatId = user.id;

    const bot = state.config.bot;
    $("bot-name").textContent = bot.first_name;
    $("bot-avatar").textContent = (bot.first_name || "B").slice(0, 1).toUpperCase();
    document.title = `${bot.first_name} · sandbox`;
    const select = $("user-select");
    for (const u of state.config.users) {
      const option = el("option", null, u.note ? `${u.first_name} (${u.note})` : u.first_name);
      option.value = String(u.id);
      option.selected = u.id === state.chatId;
      select.appendChild(option);
    }
    select.addEventListener("change", () => {
      location.search = `?chat=${select.value}`;
    });

    setupComposer();
    setupPanel();
    const changes = await call("/tg/changes?since=-1&timeout=0");
    state.version = changes.version;
    await loadTranscript();
    state.ready = true;
    document.body.dataset.ready = "true";

    const start = params.get("start");
    if (start !== null) {
      params.delete("start");
      const rest = params.toString();
      history.replaceState(null, "", rest ? `/?${rest}` : "/");
      sendText(start ? `/start ${start}` : "/start");
    }
    $("input").focus();
    poll();
  }

  main().catch((error) => banner(`The page could not start: ${error.message || error}`));
})();
