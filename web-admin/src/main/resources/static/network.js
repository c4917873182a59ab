// The Network page: sends the form as JSON to PUT /api/v1/network, shows refused fields, and confirms a pending
// change with POST /api/v1/network/confirm (the htmx-polled part shows the countdown and the button).
(function () {
  const form = document.getElementById('network-form');
  const result = document.getElementById('network-result');
  if (!form) {
    return;
  }
  function showMode() {
    const isStatic = form.elements.mode.value === 'static';
    document.getElementById('static-fields').disabled = !isStatic;
  }
  form.addEventListener('change', showMode);
  showMode();
  function values(name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]')).map(function (i) { return i.value.trim(); })
      .filter(function (v) { return v !== ''; });
  }
  function say(status, text) {
    let message = text;
    try {
      const body = JSON.parse(text);
      if (body.errors) {
        message = body.errors.map(function (e) { return e.message; }).join('; ');
      } else if (body.error) {
        message = body.error;
      } else if (body.pending) {
        message = 'Applied: confirm within ' + body.pending.secondsLeft + ' s at the new address.';
      } else {
        message = 'Done.';
      }
    } catch (ignored) {
      // not JSON
    }
    result.textContent = (status < 300 ? '' : 'Refused (' + status + '): ') + message;
    result.className = status < 300 ? '' : 'error';
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    const body = {interfaces: form.elements.interfaces.value.trim(), mode: form.elements.mode.value};
    if (body.mode === 'static') {
      ['address', 'gateway', 'address6', 'gateway6'].forEach(function (f) { body[f] = form.elements[f].value.trim(); });
      body.dns = values('dns');
      body.ntp = values('ntp');
    }
    fetch('/api/v1/network', {method: 'PUT', headers: {'Content-Type': 'application/json',
      'X-CSRF-Token': form.dataset.csrf}, body: JSON.stringify(body)})
      .then(function (r) { return r.text().then(function (t) { say(r.status, t); }); })
      .catch(function () { say(0, 'The request broke off (the address may have changed: open the new one).'); });
  });
  document.addEventListener('click', function (event) {
    if (event.target && event.target.id === 'confirm-network') {
      fetch('/api/v1/network/confirm', {method: 'POST', headers: {'X-CSRF-Token': event.target.dataset.csrf}})
        .then(function (r) { return r.text().then(function (t) { say(r.status, t); }); });
    }
  });
}());
