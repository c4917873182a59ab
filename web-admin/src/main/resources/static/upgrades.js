// The Upgrades page: sends the bundle as the raw body of POST /api/v1/upgrades (XMLHttpRequest, because fetch
// reports no upload progress), then the htmx-polled part shows the drain, RAUC's progress and the switch.
(function () {
  const form = document.getElementById('upload-upgrade');
  const progress = document.getElementById('upload-progress');
  const result = document.getElementById('upload-result');
  if (!form) {
    return;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    const file = form.elements.bundle.files[0];
    if (!file) {
      return;
    }
    const query = new URLSearchParams();
    let activate = form.elements.activate.value;
    if (activate === 'at') {
      if (!form.elements.at.value) {
        result.textContent = 'Choose the time to switch at.';
        return;
      }
      activate = 'at:' + new Date(form.elements.at.value + 'Z').toISOString().replace('.000Z', 'Z');
    }
    query.set('activate', activate);
    if (form.elements.force.checked) {
      query.set('force', 'true');
    }
    if (form.elements['drain-deadline'].value) {
      query.set('drain-deadline', form.elements['drain-deadline'].value);
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/upgrades?' + query.toString());
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', form.dataset.csrf);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        progress.value = Math.round(100 * e.loaded / e.total);
      }
    };
    xhr.onload = function () {
      progress.hidden = true;
      let message = xhr.responseText;
      try {
        const body = JSON.parse(xhr.responseText);
        message = body.error || body.message || (body.upgrade && ('Verified ' + body.upgrade.version + ': installing.'));
      } catch (ignored) {
        // not JSON
      }
      result.textContent = (xhr.status === 202 ? '' : 'Refused (' + xhr.status + '): ') + message;
      result.className = xhr.status === 202 ? '' : 'error';
    };
    xhr.onerror = function () {
      progress.hidden = true;
      result.textContent = 'The upload broke off.';
      result.className = 'error';
    };
    progress.hidden = false;
    progress.value = 0;
    result.textContent = 'Uploading ' + file.name + '…';
    result.className = '';
    xhr.send(file);
  });
  document.addEventListener('click', function (event) {
    if (event.target && event.target.id === 'activate-now') {
      fetch('/api/v1/upgrades/activate', {method: 'POST', headers: {'X-CSRF-Token': event.target.dataset.csrf}})
        .then(function (r) { return r.text(); })
        .then(function (text) { result.textContent = text; });
    }
  });
}());
