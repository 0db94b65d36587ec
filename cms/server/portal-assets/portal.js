/* Progressive enhancement for the member portal: every page works without this file. */
/* global document, window, fetch, FormData, URLSearchParams */
(function () {
  'use strict';
  var csrf = function (form) {
    var input = form.querySelector('input[name="_csrf"]');
    return input ? input.value : '';
  };

  // Confirm before destructive actions (withdraw, end a mentorship).
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });

  // Directory on a phone: the filters start folded so the mentors come first.
  if (window.matchMedia && window.matchMedia('(max-width: 47.99rem)').matches) {
    document.querySelectorAll('details[data-collapse-narrow]').forEach(function (details) { details.removeAttribute('open'); });
  }

  // Directory: apply a facet or availability choice as soon as it changes.
  document.querySelectorAll('form[data-autosubmit]').forEach(function (form) {
    form.addEventListener('change', function (event) {
      if (event.target && (event.target.type === 'checkbox' || event.target.type === 'radio' || event.target.tagName === 'SELECT')) form.submit();
    });
  });

  // Enrollment: live eligibility feedback while the answers are filled in.
  document.querySelectorAll('form[data-eligibility]').forEach(function (form) {
    var output = form.querySelector('[data-eligibility-output]');
    var url = form.getAttribute('data-eligibility');
    var timer = null;
    var check = function () {
      var body = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (key.indexOf('answers[') === 0) body.append(key, String(value));
      });
      fetch(url, { method: 'POST', headers: { 'x-csrf-token': csrf(form), 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(), credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) {
          if (!result || !output) return;
          output.hidden = false;
          output.textContent = '';
          var heading = document.createElement('p');
          heading.className = result.problems.length ? 'error-text' : 'availability-available';
          heading.textContent = result.problems.length ? output.getAttribute('data-problems') || 'Before you can submit:' : output.getAttribute('data-ok') || 'Your answers meet the program\u2019s rules.';
          output.appendChild(heading);
          if (result.problems.length) {
            var list = document.createElement('ul');
            result.problems.forEach(function (problem) {
              var item = document.createElement('li');
              item.textContent = problem.message;
              list.appendChild(item);
            });
            output.appendChild(list);
          }
        })
        .catch(function () { /* the server checks again on submit */ });
    };
    form.addEventListener('change', function () {
      clearTimeout(timer);
      timer = setTimeout(check, 250);
    });
  });

  // Ranked choices: move a choice up or down instead of re-picking every list.
  document.querySelectorAll('[data-ranked]').forEach(function (group) {
    var slots = Array.prototype.slice.call(group.querySelectorAll('[data-slot]'));
    var labels = { up: group.getAttribute('data-up') || 'Move up', down: group.getAttribute('data-down') || 'Move down' };
    slots.forEach(function (slot, index) {
      var select = slot.querySelector('select');
      var box = document.createElement('div');
      box.className = 'move';
      [['up', -1], ['down', 1]].forEach(function (pair) {
        var target = index + pair[1];
        if (target < 0 || target >= slots.length) return;
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = labels[pair[0]];
        button.setAttribute('aria-label', labels[pair[0]] + ': ' + slot.querySelector('label').textContent);
        button.addEventListener('click', function () {
          var other = slots[target].querySelector('select');
          var value = select.value;
          select.value = other.value;
          other.value = value;
          other.focus();
        });
        box.appendChild(button);
      });
      slot.appendChild(box);
    });
  });
})();
