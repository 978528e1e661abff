// The reading list's search, filters, style switch and copy buttons (see webpage.py).
// Catalogue text reaches the page only through textContent and createElement.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("copro-data").textContent);
  var entries = data.entries;
  var main = document.getElementById("list");
  var articles = Array.prototype.slice.call(main.querySelectorAll("article.entry"));
  var articleEntry = articles.map(function (article) {
    return Number(article.getAttribute("data-i"));
  });
  var references = articles.map(function (article) {
    return article.querySelector("p.reference");
  });
  var groups = Array.prototype.slice.call(main.querySelectorAll("section.group"));
  var chunks = Array.prototype.slice.call(main.querySelectorAll("div.chunk"));
  var articleChunk = numbered(articles, chunks);
  var chunkGroup = numbered(chunks, groups);
  var contents = Array.prototype.slice.call(document.querySelectorAll("nav.contents li"));
  var controls = document.querySelector(".controls");
  var search = document.getElementById("q");
  var sectionSelect = document.getElementById("section");
  var keywordSelect = document.getElementById("keyword");
  var styleSelect = document.getElementById("style");
  var count = document.getElementById("count");
  var empty = main.querySelector("p.empty");
  var announce = document.getElementById("announce");
  var sectionIndex = indexOf(data.sections);
  var keywordIndex = indexOf(data.keywords);
  var shown = new Uint8Array(entries.length);
  var currentStyle = data.style;
  // The reference nodes of each style made so far, by style name, one per article: a
  // style switched back to is moved in again, not built again.
  var made = {};
  var hashTimer = 0;

  // For each element, the number of the one among `containers` that holds it.
  function numbered(elements, containers) {
    var number = new Map();
    containers.forEach(function (container, n) {
      number.set(container, n);
    });
    return elements.map(function (element) {
      return number.get(element.parentNode);
    });
  }

  function indexOf(values) {
    var index = new Map();
    values.forEach(function (value, n) {
      index.set(value, n);
    });
    return index;
  }

  // -- folding, as copro's folding.fold: special letters, accents, case ------------------

  function fold(text) {
    var out = "";
    for (var char of text) {
      out += Object.prototype.hasOwnProperty.call(data.fold, char) ? data.fold[char] : char;
    }
    return out.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function queryWords(text) {
    return fold(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(function (word) {
        return word !== "";
      });
  }

  // -- filtering ----------------------------------------------------------------------------

  function state() {
    return {
      q: search.value,
      section: sectionSelect ? sectionSelect.value : "",
      keyword: keywordSelect ? keywordSelect.value : "",
      style: styleSelect.value,
    };
  }

  function apply() {
    var current = state();
    var words = queryWords(current.q);
    var section = current.section ? sectionIndex.get(current.section) : undefined;
    var keyword = current.keyword ? keywordIndex.get(current.keyword) : undefined;
    var matched = 0;
    for (var i = 0; i < entries.length; i++) {
      var entry = entries[i];
      var ok =
        (section === undefined || entry.s === section) &&
        (keyword === undefined || (entry.k !== undefined && entry.k.indexOf(keyword) >= 0));
      for (var w = 0; ok && w < words.length; w++) {
        ok = entry.x.indexOf(words[w]) >= 0;
      }
      shown[i] = ok ? 1 : 0;
      matched += shown[i];
    }
    var inChunk = new Uint32Array(chunks.length);
    var inGroup = new Uint32Array(groups.length);
    for (var a = 0; a < articles.length; a++) {
      var show = shown[articleEntry[a]];
      inChunk[articleChunk[a]] += show;
      toggle(articles[a], show === 0);
    }
    for (var c = 0; c < chunks.length; c++) {
      inGroup[chunkGroup[c]] += inChunk[c];
      toggle(chunks[c], inChunk[c] === 0);
    }
    groups.forEach(function (group, g) {
      toggle(group, inGroup[g] === 0);
      var item = contents[g];
      if (item) {
        toggle(item, inGroup[g] === 0);
        item.querySelector(".count").textContent = "(" + inGroup[g] + ")";
      }
    });
    var filtered = words.length > 0 || section !== undefined || keyword !== undefined;
    count.textContent = filtered
      ? matched + " of " + entries.length + " entries"
      : "All " + entries.length + " entries";
    empty.hidden = matched > 0;
    scheduleHash();
  }

  function toggle(element, hide) {
    if (element.hidden !== hide) {
      element.hidden = hide;
    }
  }

  // -- the state in the URL's fragment: #q=time+bank&section=Practical+tools&style=apa ------

  function scheduleHash() {
    clearTimeout(hashTimer);
    hashTimer = setTimeout(writeHash, 250);
  }

  function writeHash() {
    var current = state();
    var params = new URLSearchParams();
    ["q", "section", "keyword"].forEach(function (name) {
      if (current[name]) {
        params.set(name, current[name]);
      }
    });
    if (current.style !== data.style) {
      params.set("style", current.style);
    }
    var fragment = params.toString();
    var hasState = location.hash.indexOf("=") >= 0;
    if (!fragment && !hasState) {
      return; // leave a jump to a heading (#practical-tools) alone
    }
    var url = location.href.split("#")[0] + (fragment ? "#" + fragment : "");
    try {
      history.replaceState(null, "", url);
    } catch (error) {
      location.replace(fragment ? "#" + fragment : "#");
    }
  }

  function readHash() {
    var fragment = location.hash.slice(1);
    if (fragment.indexOf("=") < 0) {
      return false;
    }
    var params = new URLSearchParams(fragment);
    search.value = params.get("q") || "";
    choose(sectionSelect, params.get("section") || "");
    choose(keywordSelect, params.get("keyword") || "");
    choose(styleSelect, params.get("style") || data.style);
    return true;
  }

  function choose(select, value) {
    if (!select) {
      return;
    }
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
    select.value = known ? value : select.options[0].value;
  }

  // -- citation styles ---------------------------------------------------------------------

  function build(parent, parts) {
    if (typeof parts === "string") {
      parent.appendChild(document.createTextNode(parts));
      return;
    }
    parts.forEach(function (part) {
      if (typeof part === "string") {
        parent.appendChild(document.createTextNode(part));
        return;
      }
      var kind = part[0];
      var element;
      if (kind === "i" || kind === "b") {
        element = document.createElement(kind === "i" ? "em" : "strong");
        build(element, part.slice(1));
      } else {
        element = document.createElement("a");
        element.setAttribute("href", part[1]);
        if (kind === "u") {
          element.className = "url";
          element.textContent = part[1];
        } else {
          build(element, part.slice(2));
        }
      }
      parent.appendChild(element);
    });
  }

  function switchStyle(name) {
    if (name === currentStyle || (name !== data.style && !data.refs[name])) {
      return;
    }
    var old = made[currentStyle] || (made[currentStyle] = []);
    var kept = made[name];
    references.forEach(function (reference, a) {
      var stash = document.createDocumentFragment();
      while (reference.firstChild) {
        stash.appendChild(reference.firstChild);
      }
      old[a] = stash;
      if (kept && kept[a]) {
        reference.appendChild(kept[a]);
      } else {
        build(reference, data.refs[name][articleEntry[a]]);
      }
    });
    currentStyle = name;
  }

  // -- copying: HTML (italics kept) and plain text, as copro cite --copy does ----------------

  function html(reference) {
    var copy = reference.cloneNode(true);
    copy.querySelectorAll("[class]").forEach(function (element) {
      element.removeAttribute("class");
    });
    return copy.innerHTML;
  }

  // As copro's text output: a link shows its URL after its text when the two differ.
  function plain(node) {
    var out = "";
    node.childNodes.forEach(function (child) {
      if (child.nodeType === Node.TEXT_NODE) {
        out += child.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        out += plain(child);
        var href = child.tagName === "A" ? child.getAttribute("href") : null;
        if (href !== null && child.textContent.trim() !== href) {
          out += " <" + href + ">";
        }
      }
    });
    return out;
  }

  var pending = null;
  document.addEventListener("copy", function (event) {
    if (pending === null || !event.clipboardData) {
      return;
    }
    event.clipboardData.setData("text/html", pending.html);
    event.clipboardData.setData("text/plain", pending.text);
    event.preventDefault();
    pending.done = true;
  });

  function copy(htmlText, plainText) {
    pending = { html: htmlText, text: plainText, done: false };
    var done = false;
    try {
      done = document.execCommand("copy") && pending.done;
    } catch (error) {
      done = false;
    }
    pending = null;
    if (done) {
      return Promise.resolve();
    }
    if (navigator.clipboard && window.ClipboardItem) {
      var item = new ClipboardItem({
        "text/html": new Blob([htmlText], { type: "text/html" }),
        "text/plain": new Blob([plainText], { type: "text/plain" }),
      });
      return navigator.clipboard.write([item]);
    }
    if (navigator.clipboard) {
      return navigator.clipboard.writeText(plainText);
    }
    return Promise.reject(new Error("no clipboard"));
  }

  function copied(button, promise, what) {
    promise.then(
      function () {
        flash(button, "Copied", "Copied " + what + " to the clipboard.");
      },
      function () {
        flash(button, "Not copied", "The browser did not allow copying; select the text instead.");
      }
    );
  }

  function flash(button, label, message) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = label;
    button.classList.add("done");
    announce.textContent = message;
    setTimeout(function () {
      button.textContent = original;
      button.classList.remove("done");
    }, 2000);
  }

  function copyOne(event) {
    var button = event.currentTarget;
    var reference = button.parentNode.querySelector("p.reference");
    copied(button, copy(html(reference), plain(reference)), "the reference");
  }

  function copyAll(event) {
    var seen = new Set();
    var htmlParts = [];
    var textParts = [];
    articles.forEach(function (article, a) {
      if (article.hidden || seen.has(articleEntry[a])) {
        return;
      }
      seen.add(articleEntry[a]);
      htmlParts.push(
        '<p style="margin-left:0.5in;text-indent:-0.5in">' + html(references[a]) + "</p>"
      );
      textParts.push(plain(references[a]));
    });
    var what = htmlParts.length === 1 ? "1 reference" : htmlParts.length + " references";
    copied(event.currentTarget, copy(htmlParts.join("\n"), textParts.join("\n\n")), what);
  }

  // -- start -----------------------------------------------------------------------------

  references.forEach(function (reference, a) {
    reference.id = "r" + a;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy reference");
    button.setAttribute("aria-describedby", reference.id);
    button.addEventListener("click", copyOne);
    reference.insertAdjacentElement("afterend", button);
  });
  controls.hidden = false;
  readHash();
  switchStyle(styleSelect.value);
  apply();

  search.addEventListener("input", apply);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && search.value) {
      search.value = "";
      apply();
    }
  });
  [sectionSelect, keywordSelect].forEach(function (select) {
    if (select) {
      select.addEventListener("change", apply);
    }
  });
  styleSelect.addEventListener("change", function () {
    switchStyle(styleSelect.value);
    scheduleHash();
  });
  document.getElementById("clear").addEventListener("click", function () {
    search.value = "";
    choose(sectionSelect, "");
    choose(keywordSelect, "");
    apply();
    search.focus();
  });
  document.getElementById("copy-all").addEventListener("click", copyAll);
  window.addEventListener("hashchange", function () {
    if (readHash()) {
      switchStyle(styleSelect.value);
      apply();
    }
  });
})();
