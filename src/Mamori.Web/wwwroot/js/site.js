// Small progressive enhancements; every page works without them. No inline script (CSP).
(function () {
    "use strict";

    // Mobile navigation toggle.
    document.querySelectorAll("[data-nav-toggle]").forEach(function (button) {
        button.addEventListener("click", function () {
            var nav = document.getElementById("sidebar");
            if (!nav) { return; }
            var open = nav.classList.toggle("open");
            button.setAttribute("aria-expanded", open ? "true" : "false");
        });
    });

    // Print buttons: <button data-print> (the recovery codes).
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.addEventListener("click", function () { window.print(); });
    });

    // Region pickers follow the chosen country: <select data-region-for="#countrySelect"> with options data-country="CN".
    document.querySelectorAll("select[data-region-for]").forEach(function (regionSelect) {
        var countrySelect = document.querySelector(regionSelect.getAttribute("data-region-for"));
        if (!countrySelect) { return; }
        var all = Array.prototype.slice.call(regionSelect.querySelectorAll("option[data-country]"));
        function filter() {
            var country = countrySelect.value;
            all.forEach(function (option) {
                var show = option.getAttribute("data-country") === country;
                option.hidden = !show;
                option.disabled = !show;
            });
            var selected = regionSelect.selectedOptions[0];
            if (selected && selected.disabled) { regionSelect.value = ""; }
        }
        countrySelect.addEventListener("change", filter);
        filter();
    });

    // Repeating rows (保有情報リスト): a <template data-row-template="name"> and a button data-add-row="name".
    document.querySelectorAll("[data-add-row]").forEach(function (button) {
        button.addEventListener("click", function () {
            var name = button.getAttribute("data-add-row");
            var template = document.querySelector("template[data-row-template='" + name + "']");
            var body = document.querySelector("[data-rows='" + name + "']");
            if (!template || !body) { return; }
            var index = body.querySelectorAll("tr").length;
            var html = template.innerHTML.replace(/__index__/g, String(index));
            body.insertAdjacentHTML("beforeend", html);
        });
    });
    document.addEventListener("click", function (event) {
        var target = event.target;
        if (target instanceof HTMLElement && target.hasAttribute("data-remove-row")) {
            var row = target.closest("tr");
            if (row) {
                row.querySelectorAll("input, select, textarea").forEach(function (el) { el.value = ""; });
                row.hidden = true;
            }
        }
    });

    // Confirmation for consequential buttons: <button data-confirm="...">.
    document.addEventListener("submit", function (event) {
        var submitter = event.submitter;
        var message = submitter && submitter.getAttribute("data-confirm");
        if (message && !window.confirm(message)) {
            event.preventDefault();
        }
    });

    // Session form: fill hours from start and end when the hours field is still empty.
    var start = document.querySelector("[data-session-start]");
    var end = document.querySelector("[data-session-end]");
    var hours = document.querySelector("[data-session-hours]");
    if (start && end && hours) {
        var update = function () {
            if (hours.getAttribute("data-touched") === "1" || !start.value || !end.value) { return; }
            var s = start.value.split(":"), e = end.value.split(":");
            var minutes = (parseInt(e[0], 10) * 60 + parseInt(e[1], 10)) - (parseInt(s[0], 10) * 60 + parseInt(s[1], 10));
            if (minutes > 0) { hours.value = String(Math.floor(minutes / 15) * 15 / 60); }
        };
        hours.addEventListener("input", function () { hours.setAttribute("data-touched", "1"); });
        start.addEventListener("change", update);
        end.addEventListener("change", update);
    }

    // Diagnosis forms: keep progress in this tab's sessionStorage (never sent anywhere until submitted),
    // show answered counts per section, and forget the draft once a result page is reached.
    var dx = document.querySelector("form[data-dx-store]");
    if (dx && window.sessionStorage) {
        var key = "mamori:" + dx.getAttribute("data-dx-store");
        var hasServerAnswers = dx.querySelector("input[type=radio][name^='a[']:checked") !== null;
        var saved = null;
        try { saved = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { saved = null; }
        if (saved && !hasServerAnswers) {
            Object.keys(saved).forEach(function (name) {
                var fields = dx.querySelectorAll("[name='" + name.replace(/'/g, "") + "']");
                fields.forEach(function (f) {
                    if (f.type === "radio") { f.checked = f.value === saved[name]; }
                    else if (f.type === "checkbox") { f.checked = saved[name] === "on"; }
                    else { f.value = saved[name]; }
                });
            });
        }
        var progress = function () {
            var total = 0, done = 0;
            dx.querySelectorAll("fieldset[data-section]").forEach(function (fs) {
                var items = fs.querySelectorAll(".dx-item"), answered = 0;
                items.forEach(function (item) {
                    var field = item.querySelector("[name^='a[']");
                    var name = field ? field.name : null;
                    if (!name) { return; }
                    var checked = item.querySelector("input[type=radio][name='" + name + "']:checked");
                    var filled = field.type === "radio" ? checked !== null : field.value.trim() !== "";
                    if (filled) { answered++; }
                });
                total += items.length; done += answered;
                dx.querySelectorAll("[data-progress-for='" + fs.getAttribute("data-section") + "']").forEach(function (label) {
                    label.textContent = "(" + answered + "/" + items.length + ")";
                });
            });
            var counter = dx.querySelector("[data-dx-count]");
            if (counter) { counter.textContent = done + " / " + total; }
        };
        var store = function () {
            var data = {};
            dx.querySelectorAll("[name^='a['], [name^='note['], [name^='chg['], [name=respondentCompany]").forEach(function (f) {
                if (f.type === "radio") { if (f.checked) { data[f.name] = f.value; } }
                else if (f.type === "checkbox") { if (f.checked) { data[f.name] = "on"; } }
                else if (f.value) { data[f.name] = f.value; }
            });
            try { sessionStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full or disabled: the form still works */ }
            progress();
        };
        dx.addEventListener("change", store);
        dx.addEventListener("input", store);
        progress();
    }
    if (document.querySelector("[data-dx-clear]") && window.sessionStorage) {
        Object.keys(sessionStorage).filter(function (k) { return k.indexOf("mamori:selfcheck:") === 0; })
            .forEach(function (k) { sessionStorage.removeItem(k); });
    }
    // File fields (FileInputTagHelper): a file over the upload limit is refused here, with the field's own message,
    // because the server closes the connection on a body over the limit and the browser would show no page at all.
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
        var max = parseInt(input.getAttribute("data-max-bytes"), 10);
        input.addEventListener("change", function () {
            var tooLarge = Array.prototype.some.call(input.files || [], function (f) { return f.size > max; });
            input.setCustomValidity(tooLarge ? input.getAttribute("data-too-large") : "");
            if (tooLarge) { input.reportValidity(); }
        });
    });
})();
