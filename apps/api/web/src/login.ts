import { messageOf, session } from './api';
import { fill, h } from './dom';
import type { User } from './types';

export function renderLogin(root: HTMLElement, message: string | undefined, done: (user: User) => void): void {
  document.title = '登录 · 海州区招商引资管理系统';
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, maxlength: 50 });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: 128,
  });
  const status = h('p', { class: message ? 'notice' : 'notice hidden', role: 'alert' }, message ?? '');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, '登 录');
  const form = h(
    'form',
    { class: 'login-form', novalidate: true },
    h('label', { class: 'field' }, h('span', {}, '用户名'), username),
    h('label', { class: 'field' }, h('span', {}, '密码'), password),
    status,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!username.value.trim() || !password.value) {
      show('请输入用户名和密码');
      return;
    }
    submit.disabled = true;
    submit.textContent = '正在登录…';
    session
      .login(username.value.trim(), password.value)
      .then(done)
      .catch((error: unknown) => {
        show(messageOf(error));
        submit.disabled = false;
        submit.textContent = '登 录';
      });
  });
  function show(text: string): void {
    status.textContent = text;
    status.className = 'notice notice-error';
  }
  fill(
    root,
    h(
      'section',
      { class: 'login' },
      h('h1', { class: 'login-title' }, '海州区招商引资管理系统'),
      h('p', { class: 'login-sub' }, '阜新市海州区 · 招商引资工作平台'),
      form,
      h('p', { class: 'login-foot' }, '长时间未操作（30 分钟）将自动退出，请妥善保管账号密码'),
    ),
  );
  username.focus();
}
