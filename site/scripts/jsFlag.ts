// An external module script (the strict policy allows no inline one): it runs once the page has scripts at all,
// so `html.js` is the one switch for everything that only works with JavaScript (site/styles/site.css).
document.documentElement.classList.add('js');
