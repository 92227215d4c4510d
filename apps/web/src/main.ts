import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { registerServiceWorker } from './offline/register-sw';
import { router } from './router';
import './styles/main.css';
import './styles/pages.css';

const app = createApp(App);
app.use(createPinia());
app.use(router);
app.mount('#app');
registerServiceWorker();
