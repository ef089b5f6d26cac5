// The console's shell: log-in, navigation between views (#city, #queues, #money, #cluster, #charts), the live feed
// from the socket bridge (client.admins), and each view's periodic refresh while it is shown.

import * as api from './api.js';
import { $, flash } from './dom.js';
import { Bus } from './bus.js';
import { CityView } from './city.js';
import { QueuesView } from './queues.js';
import { MoneyView } from './money.js';
import { ClusterView } from './cluster.js';
import { ChartsView } from './charts.js';

const FEED = 'client.admins';
const REFRESH_MS = { city: 15_000, queues: 10_000, money: 15_000, cluster: 2_000, charts: 60_000 };

let config;
let views;
let bus;
let refreshTimer;

async function boot() {
  config = await fetch('config.json', { cache: 'no-store' }).then((r) => r.json());
  $('login-form').addEventListener('submit', onLogin);
  $('logout').addEventListener('click', () => api.logout());
  window.addEventListener('hashchange', show);
  api.onSessionChange((session) => (session ? start() : stop()));
  if (api.current()) start(); else stop();
}

async function onLogin(e) {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    await api.login($('login-email').value.trim(), $('login-password').value);
    $('login-password').value = '';
  } catch (err) {
    $('login-error').textContent = err.status === 401 ? 'Wrong e-mail or password' : err.message;
  }
}

function start() {
  const session = api.current();
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').textContent = session.admin?.email ?? 'admin';
  if (!views) {
    views = { city: new CityView(config), queues: new QueuesView(), money: new MoneyView(),
      cluster: new ClusterView(), charts: new ChartsView() };
  }
  if (!bus) {
    bus = new Bus(config.bridgeUrl, () => api.current()?.token);
    bus.onState((open) => {
      $('live').textContent = open ? 'feed: live' : 'feed: offline';
      $('live').className = `live ${open ? 'on' : 'off'}`;
    });
    bus.onError((reason) => flash(`live feed refused: ${reason}`));
    bus.register(FEED, (message) => views.city.onFeed(message));
    bus.connect();
  } else if (bus.token !== session.token) {
    bus.renew();
  }
  bus.token = session.token;
  show();
}

function stop() {
  bus?.close();
  bus = null;
  clearInterval(refreshTimer);
  $('app').hidden = true;
  $('login').hidden = false;
}

function show() {
  if (!api.current()) return;
  const name = (location.hash || '#city').slice(1);
  const view = views[name] ? name : 'city';
  document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== `view-${view}`; });
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === view));
  clearInterval(refreshTimer);
  const refresh = () => views[view].load().catch((e) => flash(`${view}: ${e.message}`));
  refresh();
  refreshTimer = setInterval(refresh, REFRESH_MS[view]);
}

boot().catch((e) => { document.body.textContent = `console failed to start: ${e.message}`; });
