// The Marketplace Rewards help page: page words in en / fr / zh-TW (i18n/*.json), the demo "signed in as" picker, and
// Web Chat (wwwroot/lib, from npm) in a side panel. The page's server gives a Direct Line token for the chosen demo
// identity (POST api/helppage/token); the conversation id is kept in sessionStorage so a refresh resumes it.
(function () {
  'use strict';

  var LOCALES = { en: 'en-US', fr: 'fr-FR', 'zh-TW': 'zh-TW' };
  var DEFAULT_LANGUAGE = 'en';
  var KEYS = {
    language: 'rewardsbot.helppage.language',
    identity: 'rewardsbot.helppage.identity',
    conversation: 'rewardsbot.helppage.conversation',
    chatOpen: 'rewardsbot.helppage.chatOpen'
  };

  // Web Chat's ConnectionStatus values (DirectLineJS).
  var CONNECTION = { connecting: 1, online: 2, expiredToken: 3, failedToConnect: 4, ended: 5 };

  var state = {
    language: DEFAULT_LANGUAGE,
    texts: {},
    identities: [],
    identity: null,
    chat: null
  };

  var elements = {};

  function $(id) {
    return document.getElementById(id);
  }

  function read(storage, key) {
    try {
      return storage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function write(storage, key, value) {
    try {
      if (value === null) {
        storage.removeItem(key);
      } else {
        storage.setItem(key, value);
      }
    } catch (e) {
      // Storage can be disabled; the page still works, only without resuming.
    }
  }

  function format(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function text(key, values) {
    return format(state.texts[key] || '', values || {});
  }

  // ---- Page language -------------------------------------------------------------------------------------------

  function initialLanguage() {
    var fromQuery = new URLSearchParams(window.location.search).get('lang');
    var stored = read(window.localStorage, KEYS.language);
    var candidates = [fromQuery, stored].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < candidates.length; i++) {
      var match = matchLanguage(candidates[i]);
      if (match) {
        return match;
      }
    }

    return DEFAULT_LANGUAGE;
  }

  function matchLanguage(tag) {
    if (!tag) {
      return null;
    }

    var lower = String(tag).toLowerCase();
    if (lower === 'zh-tw' || lower === 'zh-hk' || lower.indexOf('zh-hant') === 0) {
      return 'zh-TW';
    }

    if (lower === 'fr' || lower.indexOf('fr-') === 0) {
      return 'fr';
    }

    if (lower === 'en' || lower.indexOf('en-') === 0) {
      return 'en';
    }

    return null;
  }

  function loadTexts(language) {
    return fetch('i18n/' + language + '.json', { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) {
        throw new Error('The page words for ' + language + ' could not be loaded (' + response.status + ').');
      }

      return response.json();
    });
  }

  function applyTexts() {
    document.documentElement.lang = state.language;
    document.title = text('meta.title');
    document.querySelectorAll('[data-i18n]').forEach(function (element) {
      element.textContent = text(element.getAttribute('data-i18n'));
    });
    document.querySelectorAll('[data-i18n-aria-label]').forEach(function (element) {
      element.setAttribute('aria-label', text(element.getAttribute('data-i18n-aria-label')));
    });
    document.querySelectorAll('[data-i18n-content]').forEach(function (element) {
      element.setAttribute('content', text(element.getAttribute('data-i18n-content')));
    });
    elements.language.value = state.language;
    showIdentity();
    showChatStatus();
  }

  function setLanguage(language) {
    return loadTexts(language).then(function (texts) {
      state.language = language;
      state.texts = texts;
      write(window.localStorage, KEYS.language, language);
      applyTexts();
      if (state.chat && state.chat.directLine) {
        renderChat();
      }
    });
  }

  // ---- Demo identity ("signed in as") --------------------------------------------------------------------------

  function loadIdentities() {
    return fetch('api/helppage/identities', { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) {
        throw new Error('The demo identities could not be loaded (' + response.status + ').');
      }

      return response.json();
    });
  }

  function fillIdentities(identities) {
    state.identities = identities;
    elements.identity.textContent = '';
    identities.forEach(function (identity) {
      var option = document.createElement('option');
      option.value = identity.id;
      option.textContent = identity.name + ' — ' + identity.company;
      elements.identity.appendChild(option);
    });
    var stored = read(window.sessionStorage, KEYS.identity);
    var chosen = identities.filter(function (i) { return i.id === stored; })[0] || identities[0];
    state.identity = chosen || null;
    if (chosen) {
      elements.identity.value = chosen.id;
    }

    showIdentity();
  }

  function showIdentity() {
    var identity = state.identity;
    elements.identityShows.textContent = identity ? identity.shows : '';
    elements.chatWho.textContent = identity ? text('chat.who', { name: identity.name, company: identity.company }) : '';
  }

  function setIdentity(id) {
    var identity = state.identities.filter(function (i) { return i.id === id; })[0];
    if (!identity || (state.identity && state.identity.id === identity.id)) {
      return;
    }

    state.identity = identity;
    write(window.sessionStorage, KEYS.identity, identity.id);
    showIdentity();
    // Another person means another conversation.
    restartChat();
  }

  // ---- Chat panel ----------------------------------------------------------------------------------------------

  function isChatOpen() {
    return !elements.panel.hidden;
  }

  function openChat() {
    elements.panel.hidden = false;
    elements.openChat.setAttribute('aria-expanded', 'true');
    write(window.sessionStorage, KEYS.chatOpen, '1');
    if (!state.chat) {
      startChat();
    }

    if (window.matchMedia('(max-width: 899.98px)').matches) {
      // Inline under the introduction on narrow screens: bring it into view.
      elements.panel.scrollIntoView({ block: 'start' });
    }

    focusSendBox();
  }

  function closeChat() {
    elements.panel.hidden = true;
    elements.openChat.setAttribute('aria-expanded', 'false');
    write(window.sessionStorage, KEYS.chatOpen, null);
    elements.openChat.focus();
  }

  function focusSendBox() {
    var input = elements.panel.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) {
      input.focus();
    } else {
      elements.panel.querySelector('h2').setAttribute('tabindex', '-1');
      elements.panel.querySelector('h2').focus();
    }
  }

  function setChatState(value) {
    elements.panel.setAttribute('data-state', value);
    showChatStatus();
  }

  function showChatStatus() {
    var value = elements.panel.getAttribute('data-state');
    elements.chatError.hidden = value !== 'failed';
    elements.chatStatus.textContent = value === 'connecting' ? text('chat.connecting') : value === 'online' ? text('chat.connected') : '';
  }

  function storedConversation() {
    try {
      var stored = JSON.parse(read(window.sessionStorage, KEYS.conversation) || 'null');
      return stored && state.identity && stored.identity === state.identity.id ? stored : null;
    } catch (e) {
      return null;
    }
  }

  function requestToken() {
    var stored = storedConversation();
    var body = { identity: state.identity ? state.identity.id : undefined };
    if (stored) {
      body.conversationId = stored.conversationId;
      body.resume = stored.resume;
    }

    return fetch('api/helppage/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('The token endpoint answered ' + response.status + '.');
      }

      return response.json();
    });
  }

  function startChat() {
    if (!window.WebChat) {
      setChatState('failed');
      return;
    }

    var chat = { directLine: null, store: null, element: null, subscription: null };
    state.chat = chat;
    setChatState('connecting');
    requestToken().then(function (answer) {
      if (state.chat !== chat) {
        return;
      }

      write(window.sessionStorage, KEYS.conversation, JSON.stringify({
        identity: state.identity ? state.identity.id : null,
        conversationId: answer.conversationId,
        resume: answer.resume
      }));
      elements.panel.setAttribute('data-conversation-id', answer.conversationId);
      var options = {
        token: answer.token,
        domain: new URL(answer.domain, document.baseURI).href.replace(/\/$/, ''),
        conversationStartProperties: { locale: LOCALES[state.language] }
      };
      if (answer.resumed) {
        // A page refresh: reconnect (GET conversations/{id}) instead of starting a new conversation.
        options.conversationId = answer.conversationId;
      }

      chat.directLine = window.WebChat.createDirectLine(options);
      chat.store = window.WebChat.createStore();
      chat.subscription = chat.directLine.connectionStatus$.subscribe(function (status) {
        if (state.chat !== chat) {
          return;
        }

        if (status === CONNECTION.online) {
          setChatState('online');
        } else if (status === CONNECTION.failedToConnect || status === CONNECTION.expiredToken) {
          setChatState('failed');
        } else if (status === CONNECTION.connecting) {
          setChatState('connecting');
        }
      });
      renderChat();
    }).catch(function () {
      if (state.chat === chat) {
        setChatState('failed');
      }
    });
  }

  function stopChat() {
    var chat = state.chat;
    state.chat = null;
    if (!chat) {
      return;
    }

    if (chat.subscription) {
      chat.subscription.unsubscribe();
    }

    if (chat.directLine) {
      chat.directLine.end();
    }

    // A fresh element: the old Web Chat stays with the old one.
    var fresh = document.createElement('div');
    fresh.id = 'webchat';
    fresh.className = elements.webchat.className;
    fresh.setAttribute('role', 'region');
    fresh.setAttribute('data-i18n-aria-label', 'chat.region');
    fresh.setAttribute('aria-label', text('chat.region'));
    elements.webchat.replaceWith(fresh);
    elements.webchat = fresh;
    elements.panel.removeAttribute('data-conversation-id');
    setChatState('closed');
  }

  function restartChat() {
    stopChat();
    write(window.sessionStorage, KEYS.conversation, null);
    if (isChatOpen()) {
      startChat();
    }
  }

  function renderChat() {
    var chat = state.chat;
    window.WebChat.renderWebChat({
      directLine: chat.directLine,
      store: chat.store,
      locale: LOCALES[state.language],
      styleOptions: styleOptions()
    }, elements.webchat);
  }

  function initials(name) {
    return String(name || '').split(/\s+/).filter(Boolean).slice(0, 2).map(function (part) { return part.charAt(0); }).join('').toUpperCase();
  }

  // Web Chat styled to fit the page (css/site.css uses the same colours).
  function styleOptions() {
    return {
      accent: '#0f5fb3',
      backgroundColor: '#ffffff',
      primaryFont: "'Segoe UI', system-ui, -apple-system, 'Noto Sans', 'Noto Sans TC', 'Microsoft JhengHei', sans-serif",
      botAvatarInitials: 'MR',
      botAvatarBackgroundColor: '#0f5fb3',
      userAvatarInitials: initials(state.identity && state.identity.name),
      userAvatarBackgroundColor: '#5c2d91',
      bubbleBackground: '#f2f5fa',
      bubbleBorderColor: '#d9e1ec',
      bubbleBorderRadius: 10,
      bubbleBorderWidth: 1,
      bubbleFromUserBackground: '#0f5fb3',
      bubbleFromUserTextColor: '#ffffff',
      bubbleFromUserBorderRadius: 10,
      bubbleFromUserBorderWidth: 0,
      bubbleMaxWidth: 520,
      cardEmphasisBackgroundColor: '#eef3fa',
      hideUploadButton: true,
      sendBoxButtonColor: '#0f5fb3',
      sendBoxButtonColorOnHover: '#0b4a8c',
      suggestedActionBorderRadius: 8,
      suggestedActionLayout: 'flow',
      rootHeight: '100%',
      rootWidth: '100%'
    };
  }

  // ---- Start-up ------------------------------------------------------------------------------------------------

  function start() {
    elements = {
      language: $('language'),
      identity: $('identity'),
      identityShows: $('identity-shows'),
      openChat: $('open-chat'),
      closeChat: $('close-chat'),
      retryChat: $('retry-chat'),
      newConversation: $('new-conversation'),
      panel: $('chat-panel'),
      chatWho: $('chat-who'),
      chatStatus: $('chat-status'),
      chatError: $('chat-error'),
      webchat: $('webchat')
    };

    elements.language.addEventListener('change', function () {
      setLanguage(elements.language.value);
    });
    elements.identity.addEventListener('change', function () {
      setIdentity(elements.identity.value);
    });
    elements.openChat.addEventListener('click', function () {
      if (isChatOpen()) {
        focusSendBox();
      } else {
        openChat();
      }
    });
    elements.closeChat.addEventListener('click', closeChat);
    elements.retryChat.addEventListener('click', function () {
      stopChat();
      startChat();
    });
    elements.newConversation.addEventListener('click', restartChat);
    elements.panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        closeChat();
      }
    });

    var language = initialLanguage();
    Promise.all([loadTexts(language), loadIdentities()]).then(function (loaded) {
      state.language = language;
      state.texts = loaded[0];
      fillIdentities(loaded[1]);
      applyTexts();
      document.body.setAttribute('data-ready', 'true');
      if (read(window.sessionStorage, KEYS.chatOpen) === '1') {
        openChat();
      }
    }).catch(function (error) {
      document.body.setAttribute('data-ready', 'failed');
      window.console.error(error);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
