/**
 * The web form's script, served from /hc/assets/portal-form.js (no inline script, so
 * the page's CSP allows only this file). It solves the proof-of-work (a small SHA-256,
 * in slices so the page stays responsive) and shows article suggestions for the subject
 * from the help center's suggestions endpoint; a suggestion's link goes through the
 * help center's click log, which counts a deflection when no request follows.
 */
export const FORM_SCRIPT = String.raw`(() => {
  'use strict';
  const K = new Uint32Array([0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);
  const W = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  /** The first 32 bits of SHA-256 of an ASCII string (enough to count leading zeros up to 32). */
  function sha256head(text) {
    const bytes = new Uint8Array(((text.length + 9 + 63) >> 6) << 6);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    bytes[text.length] = 0x80;
    const bits = text.length * 8;
    const n = bytes.length;
    bytes[n - 4] = bits >>> 24; bytes[n - 3] = bits >>> 16; bytes[n - 2] = bits >>> 8; bytes[n - 1] = bits;
    let h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a, h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    for (let off = 0; off < n; off += 64) {
      for (let i = 0; i < 16; i++) W[i] = (bytes[off + i * 4] << 24) | (bytes[off + i * 4 + 1] << 16) | (bytes[off + i * 4 + 2] << 8) | bytes[off + i * 4 + 3];
      for (let i = 16; i < 64; i++) {
        const s0 = rotr(W[i - 15], 7) ^ rotr(W[i - 15], 18) ^ (W[i - 15] >>> 3);
        const s1 = rotr(W[i - 2], 17) ^ rotr(W[i - 2], 19) ^ (W[i - 2] >>> 10);
        W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
      }
      let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
      for (let i = 0; i < 64; i++) {
        const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    return h0 >>> 0;
  }
  const zeros = (word) => (word === 0 ? 32 : Math.clz32(word));

  function proofOfWork(form) {
    const challenge = form.querySelector('input[name=pow_challenge]');
    const nonce = form.querySelector('input[name=pow_nonce]');
    const bits = Number(form.dataset.powBits || '0');
    const status = form.querySelector('[data-pow-status]');
    const button = form.querySelector('button[type=submit]');
    if (!challenge || !nonce || bits === 0) return;
    let done = false;
    let wanted = false;
    if (status) status.hidden = false;
    let n = 0;
    const slice = () => {
      const end = n + 20000;
      for (; n < end; n++) {
        if (zeros(sha256head(challenge.value + ':' + n)) >= bits) {
          nonce.value = String(n);
          done = true;
          if (status) status.hidden = true;
          if (button) button.removeAttribute('aria-busy');
          if (wanted) form.submit();
          return;
        }
      }
      setTimeout(slice, 0);
    };
    if (button) button.setAttribute('aria-busy', 'true');
    form.addEventListener('submit', (event) => {
      if (done) return;
      event.preventDefault();
      wanted = true;
    });
    setTimeout(slice, 0);
  }

  function suggestions(form) {
    const subject = form.querySelector('input[name=subject]');
    const box = document.getElementById('suggestions');
    if (!subject || !box) return;
    const list = box.querySelector('ul');
    const locale = document.documentElement.lang;
    let timer = 0;
    let last = '';
    subject.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const query = subject.value.trim();
        if (query === last) return;
        last = query;
        if (query.length < 3) { box.hidden = true; return; }
        try {
          const url = '/api/v2/help_center/articles/suggestions?source=web_form&per_page=5&locale=' + encodeURIComponent(locale) + '&query=' + encodeURIComponent(query);
          const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
          if (!response.ok) { box.hidden = true; return; }
          const body = await response.json();
          const results = body.results || [];
          list.replaceChildren(...results.map((article) => {
            const item = document.createElement('li');
            const link = document.createElement('a');
            link.textContent = article.title;
            link.target = '_blank';
            link.rel = 'noopener';
            link.href = body.search_id
              ? '/hc/' + locale + '/search/click?search_id=' + body.search_id + '&article_id=' + article.id
              : article.html_url;
            item.append(link);
            return item;
          }));
          box.hidden = results.length === 0;
        } catch { box.hidden = true; }
      }, 400);
    });
  }

  const form = document.querySelector('form[data-request-form]');
  if (form) { proofOfWork(form); suggestions(form); }
})();
`;
