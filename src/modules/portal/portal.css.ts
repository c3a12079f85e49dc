/**
 * The site's one stylesheet. Chinese typography: system CJK fonts, 1.8 line height, justified body text
 * with first-line indent as in printed government documents, no italics for emphasis. Colours keep a
 * contrast of at least 4.5:1 (WCAG 2.1 AA); `.large` is the larger-type mode for older readers (适老化).
 */
export const PORTAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%}
html.large{font-size:20px}
body{margin:0;font-family:"PingFang SC","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#222;background:#f4f4f4;line-height:1.8}
a{color:#a00000}
a:hover{color:#700000}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible,.table-scroll:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:#a00000;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.wrap{max-width:1140px;margin:0 auto;padding:0 1rem}
.topbar{background:#fff;border-bottom:1px solid #e5e5e5;font-size:.875rem;color:#444}
.topbar .wrap{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;padding-top:.35rem;padding-bottom:.35rem}
.topbar a{color:#444}
.masthead{background:linear-gradient(#b80000,#9a0000);color:#fff}
.masthead .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.75rem;padding-top:1.1rem;padding-bottom:1.1rem}
.site-name{margin:0;font-size:1.75rem;letter-spacing:.12em;font-weight:700}
.site-name a{color:#fff;text-decoration:none;display:flex;align-items:center;gap:.6rem}
.site-name img{height:3rem;width:auto;max-width:6rem;object-fit:contain}
.search{display:flex;gap:0}
.search input{width:13rem;max-width:52vw;padding:.4rem .6rem;border:1px solid #fff;border-radius:3px 0 0 3px;font:inherit;font-size:.9rem}
.search button{padding:.4rem .8rem;border:1px solid #fff;background:#7a0000;color:#fff;border-radius:0 3px 3px 0;font:inherit;font-size:.9rem;cursor:pointer}
.channels{background:#7a0000}
.channels ul{list-style:none;margin:0 auto;max-width:1140px;padding:0 .5rem;display:flex;flex-wrap:wrap}
.channels a{display:block;color:#fff;text-decoration:none;padding:.6rem 1rem;font-size:1.05rem}
.channels a:hover,.channels a[aria-current="page"]{background:#5c0000}
.crumbs{font-size:.9rem;color:#444;padding:.75rem 0;display:flex;flex-wrap:wrap}
.crumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap}
.crumbs li+li::before{content:">";padding:0 .4rem;color:#666}
main{display:block;padding-bottom:2rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}
.box{background:#fff;border:1px solid #e2e2e2;border-top:3px solid #b80000;padding:.75rem 1rem 1rem}
.box h2{margin:0 0 .5rem;font-size:1.15rem;display:flex;justify-content:space-between;align-items:baseline}
.box h2 a{text-decoration:none;color:#222}
.box h2 .more{font-size:.85rem;font-weight:400;color:#a00000}
.list{list-style:none;margin:0;padding:0}
.list li{display:flex;justify-content:space-between;gap:1rem;padding:.35rem 0;border-bottom:1px dashed #ddd}
.list li a{color:#222;text-decoration:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.list li a:hover{color:#a00000;text-decoration:underline}
.list time{color:#555;font-size:.875rem;flex:none}
.featured{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1rem;margin:1rem 0}
.card{background:#fff;border:1px solid #e2e2e2;display:flex;flex-direction:column}
.card img{width:100%;aspect-ratio:16/9;object-fit:cover;background:#eee}
.card div{padding:.6rem .8rem}
.card h3{margin:0 0 .25rem;font-size:1.05rem;line-height:1.5}
.card h3 a{color:#222;text-decoration:none}
.card p{margin:0;color:#444;font-size:.9rem}
.pictures{margin:1rem 0}
.pics-scroll{overflow-x:auto;scroll-snap-type:x mandatory;scroll-behavior:smooth}
.pics-scroll:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.pics{list-style:none;margin:0;padding:0 0 .5rem;display:flex;gap:1rem}
.pics li{flex:0 0 min(80%,300px);scroll-snap-align:start}
.pics a{display:block;color:#222;text-decoration:none}
.pics img{display:block;width:100%;height:auto;aspect-ratio:16/9;object-fit:cover;background:#eee}
.pic-title{display:block;padding:.35rem 0 0;font-size:.95rem;line-height:1.5}
.pics a:hover .pic-title{color:#a00000;text-decoration:underline}
.pic-nav{display:flex;justify-content:flex-end;gap:.5rem;margin-top:.25rem}
.pic-nav button{font:inherit;font-size:.9rem;padding:.25rem .8rem;border:1px solid #a00000;background:#fff;color:#a00000;border-radius:3px;cursor:pointer}
@media (prefers-reduced-motion:reduce){.pics-scroll{scroll-behavior:auto}}
.column-intro{color:#444;margin:.25rem 0 .75rem;font-size:.95rem}
.welcome{background:#fff8e8;border:1px solid #f0dcb0;padding:.6rem 1rem;margin:1rem 0;color:#5a3b00}
article.piece{background:#fff;border:1px solid #e2e2e2;padding:1.5rem 2rem 2rem}
article.piece h1{font-size:1.6rem;line-height:1.5;text-align:center;margin:.5rem 0 .75rem;color:#a00000}
.meta{display:flex;flex-wrap:wrap;justify-content:center;gap:.25rem 1.5rem;color:#444;font-size:.9rem;border-bottom:1px solid #e5e5e5;padding-bottom:.75rem;margin-bottom:1rem}
.body{font-size:1.1rem;text-align:justify}
.body p{text-indent:2em;margin:0 0 1em}
.body img{max-width:100%;height:auto;display:block;margin:1rem auto}
.body h2,.body h3{font-size:1.2rem;margin:1.5rem 0 .75rem}
.table-scroll{max-width:100%;overflow-x:auto;margin:0 0 1em;-webkit-overflow-scrolling:touch}
.body table{border-collapse:collapse;min-width:60%;font-size:.95rem;line-height:1.6;text-align:left}
.body td,.body th{border:1px solid #999;padding:.3rem .6rem;vertical-align:top}
.body th{background:#f3f3f3;font-weight:700}
.body td p,.body th p{text-indent:0;margin:0}
.body td,.body th{white-space:normal;min-width:4em;height:calc(1.6em + .6rem + 1px)}
.share{margin-top:1.5rem;border-top:1px solid #e5e5e5;padding-top:1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.share .qr{width:140px;text-align:center;font-size:.85rem;color:#444}
.share .qr svg{width:132px;height:132px;display:block;background:#fff}
.share .links{display:flex;flex-direction:column;gap:.5rem;min-width:0;flex:1}
.share input{width:100%;max-width:28rem;font:inherit;font-size:.85rem;padding:.3rem .5rem;border:1px solid #888;border-radius:3px}
.share button{font:inherit;font-size:.9rem;padding:.3rem .9rem;border:1px solid #a00000;background:#fff;color:#a00000;border-radius:3px;cursor:pointer;align-self:flex-start}
.prevnext{margin-top:1rem;display:grid;gap:.25rem;font-size:.95rem}
.pager{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:center;margin:1rem 0}
.pager a,.pager span{padding:.3rem .75rem;border:1px solid #ccc;background:#fff;text-decoration:none}
.pager span[aria-current]{background:#a00000;color:#fff;border-color:#a00000}
.links-box ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
footer.site{background:#333;color:#eee;font-size:.875rem;margin-top:2rem}
footer.site .wrap{padding-top:1.25rem;padding-bottom:1.25rem;text-align:center}
footer.site p{margin:.2rem 0}
footer.site a{color:#fff}
.notfound{background:#fff;border:1px solid #e2e2e2;padding:2rem;text-align:center}
.empty{color:#555}
@media (max-width:640px){
  .site-name{font-size:1.3rem;letter-spacing:.05em}
  .site-name img{height:2.25rem}
  .masthead .wrap{padding-top:.75rem;padding-bottom:.75rem}
  .search{width:100%}
  .search input{flex:1;max-width:none;width:auto}
  .channels ul{flex-wrap:nowrap;overflow-x:auto}
  .channels a{padding:.55rem .75rem;white-space:nowrap}
  .grid{grid-template-columns:1fr}
  article.piece{padding:1rem}
  article.piece h1{font-size:1.3rem}
  .list li{flex-direction:column;gap:0}
  .list li a{white-space:normal}
}
@media print{.topbar,.masthead form,.channels,.share,footer.site,.skip{display:none}}
`;

/** The tab icon until the site uploads its own: the League's red with a gold star, drawn, no font needed. */
export const DEFAULT_FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b80000"/><path fill="#ffd400" d="M16 5l3.1 7.6 8.2.6-6.3 5.3 2 8-7-4.4-7 4.4 2-8-6.3-5.3 8.2-.6z"/></svg>`;

/** Copy-link, the one piece of script; the page works without it (the link is in a selectable field). */
export const PORTAL_JS = `document.querySelectorAll('[data-carousel]').forEach(function(c){var list=c.querySelector('.pics-scroll'),nav=c.querySelector('.pic-nav');if(!list||!nav)return;nav.hidden=false;nav.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('[data-step]');if(!b)return;var card=list.querySelector('li');var w=card?card.getBoundingClientRect().width+16:list.clientWidth;list.scrollBy({left:Number(b.getAttribute('data-step'))*w,behavior:'smooth'});});});document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('[data-copy]');if(!b)return;var f=document.getElementById(b.getAttribute('data-copy'));if(!f)return;f.select();var done=function(){b.textContent='已复制';};if(navigator.clipboard){navigator.clipboard.writeText(f.value).then(done,function(){document.execCommand('copy');done();});}else{document.execCommand('copy');done();}});`;
