// Drawing from the keyboard: the arrow keys move a pen over the canvas, Space lowers or lifts it (it draws
// while down), Enter asks for a prediction and Escape clears, so the canvas needs no mouse.
import {$} from './api.js';

const canvas = $('#digit-canvas');
const cursor = $('#pen-cursor');
const STEP = 10;
const FINE = 3;
let x = canvas.width / 2;
let y = canvas.height / 2;
let down = false;

function showCursor() {
    const box = canvas.getBoundingClientRect();
    cursor.style.left = `${canvas.offsetLeft + (x * box.width) / canvas.width}px`;
    cursor.style.top = `${canvas.offsetTop + (y * box.height) / canvas.height}px`;
    cursor.classList.toggle('down', down);
    cursor.hidden = document.activeElement !== canvas;
}

function stroke(toX, toY) {
    const pen = canvas.getContext('2d');
    pen.lineWidth = 18;
    pen.lineCap = 'round';
    pen.lineJoin = 'round';
    pen.strokeStyle = '#000';
    pen.beginPath();
    pen.moveTo(x, y);
    pen.lineTo(toX, toY);
    pen.stroke();
}

const MOVES = {ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0]};

canvas.addEventListener('keydown', (event) => {
    const move = MOVES[event.key];
    if (move) {
        const step = event.shiftKey ? FINE : STEP;
        const toX = Math.min(canvas.width, Math.max(0, x + move[0] * step));
        const toY = Math.min(canvas.height, Math.max(0, y + move[1] * step));
        if (down) {
            stroke(toX, toY);
        }
        [x, y] = [toX, toY];
    } else if (event.key === ' ') {
        down = !down;
        if (down) {
            stroke(x, y); // a dot where the pen lands
        }
    } else if (event.key === 'Enter') {
        $('#predict').click();
    } else if (event.key === 'Escape') {
        down = false;
        $('#clear').click();
    } else {
        return;
    }
    event.preventDefault(); // the arrows and Space would scroll the page
    showCursor();
});
canvas.addEventListener('focus', showCursor);
canvas.addEventListener('blur', showCursor);
window.addEventListener('resize', showCursor);
