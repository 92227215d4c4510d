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
      .then((user) => (user.mustChangePassword ? renderPasswordChange(root, password.value, user, done) : done(user)))
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

/** A password an administrator set (or a reset) is replaced by the user's own before anything else. */
export function renderPasswordChange(
  root: HTMLElement,
  oldPassword: string,
  user: User,
  done: (user: User) => void,
): void {
  document.title = '修改初始密码 · 海州区招商引资管理系统';
  const field = (name: string) =>
    h('input', { name, type: 'password', autocomplete: 'new-password', required: true, maxlength: 128 });
  const next = field('newPassword');
  const again = field('confirmPassword');
  const status = h(
    'p',
    { class: 'notice', role: 'alert' },
    '首次登录或密码被重置后，须先修改密码：至少 8 位，含大写字母、小写字母、数字、符号中的至少三类，不能是常见密码',
  );
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, '修改密码');
  const form = h(
    'form',
    { class: 'login-form', novalidate: true },
    h('label', { class: 'field' }, h('span', {}, '新密码'), next),
    h('label', { class: 'field' }, h('span', {}, '再次输入新密码'), again),
    status,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (next.value !== again.value) {
      status.textContent = '两次输入的新密码不一致';
      status.className = 'notice notice-error';
      return;
    }
    submit.disabled = true;
    session
      .request<void>('POST', '/auth/password', { body: { oldPassword, newPassword: next.value } })
      .then(() => done({ ...user, mustChangePassword: false }))
      .catch((error: unknown) => {
        status.textContent = messageOf(error);
        status.className = 'notice notice-error';
        submit.disabled = false;
      });
  });
  fill(root, h('section', { class: 'login' }, h('h1', { class: 'login-title' }, '修改初始密码'), form));
  next.focus();
}
